import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { irplan, REPO, tempDir } from '../helpers/cli.ts';
import { examplesProject, tokenProject } from '../helpers/project.ts';

// `irplan dev` as a consultant runs it: serve one client where asked, edit its plan, see the open
// page reload with the change.
let child: ChildProcess | undefined;
afterAll(async () => {
  if (child) await stop(child);
});

/** SIGTERM, as Ctrl-C would: dev stops its build, its server, and removes its folder before it exits. */
async function stop(proc: ChildProcess): Promise<number | null> {
  if (proc.exitCode !== null || proc.signalCode !== null) return proc.exitCode;
  const exited = new Promise<number | null>((done) => proc.once('exit', (code) => done(code)));
  proc.kill('SIGTERM');
  return exited;
}

/** Resolves with the child's stdout once it matches `pattern`. */
function waitFor(proc: ChildProcess, pattern: RegExp, seen: { out: string }): Promise<string> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (pattern.test(seen.out)) resolve(seen.out);
    };
    proc.stdout?.on('data', check);
    proc.once('exit', (code) => reject(new Error(`irplan dev exited with ${code}: ${seen.out}`)));
    check();
  });
}

/** A port nothing listens on right now. */
async function freePort(host: string): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Reads a server-sent event stream until `event` arrives; resolves with what was read. */
async function nextEvent(url: string, event: string, signal: AbortSignal): Promise<string> {
  const res = await fetch(url, { signal });
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  let text = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return text;
    text += new TextDecoder().decode(value);
    if (text.includes(`event: ${event}\n`)) {
      await reader.cancel();
      return text;
    }
  }
}

// Every 127.x address is this machine on Linux; elsewhere only 127.0.0.1 may be set up.
const HOST = process.platform === 'linux' ? '127.0.0.2' : '127.0.0.1';

describe('irplan dev', () => {
  test('serves on the given host and port, and an edit of the plan reloads the open page', async () => {
    const { root } = tokenProject();
    const tmp = tempDir('irplan-dev-tmp-');
    const port = await freePort(HOST);
    const seen = { out: '' };
    child = spawn(
      process.execPath,
      [join(REPO, 'bin', 'irplan.mjs'), 'dev', 'cedar-dental', '--host', HOST, '--port', String(port)],
      { cwd: root, env: { ...process.env, NO_COLOR: '1', TMPDIR: tmp }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout?.on('data', (d: Buffer) => {
      seen.out += d.toString();
    });
    await waitFor(child, /previewing cedar-dental at /, seen);
    const url = `http://${HOST}:${port}/`;
    expect(seen.out).toContain(`previewing cedar-dental at ${url} (Ctrl-C to stop)`);
    if (HOST !== '127.0.0.1') await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();

    // The page carries the reload script; the built site on disk does not.
    const page = await (await fetch(url)).text();
    expect(page).toContain('<title>Start here · Cedar Family Dental</title>');
    expect(page).toMatch(/<script src="\/__irplan\/reload\.js"><\/script><\/body>/);
    const preview = readdirSync(tmp).find((name) => name.startsWith('irplan-dev-'));
    const built = readFileSync(join(tmp, preview ?? '', 'cedar-dental', 'site', 'index.html'), 'utf8');
    expect(built).toContain('Cedar Family Dental');
    expect(built).not.toContain('__irplan');
    expect(await (await fetch(`${url}__irplan/reload.js`)).text()).toContain("addEventListener('reload'");
    // The offline copy's worker would answer a reload from the last build's cache: dev switches it off.
    expect(await (await fetch(`${url}sw.js`)).text()).toContain('self.registration.unregister()');

    // An open page listens to the events; the edit rebuilds the site and the page is told to reload.
    const abort = new AbortController();
    const reload = nextEvent(`${url}__irplan/events`, 'reload', abort.signal);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const plan = join(root, 'plans', 'cedar-dental', 'plan.yaml');
    writeFileSync(
      plan,
      readFileSync(plan, 'utf8').replace('name: Cedar Family Dental', 'name: Cedar Riverside Dental'),
    );
    expect(await reload).toMatch(/event: reload\ndata: \d+\n/);
    expect(seen.out).toMatch(/rebuilt cedar-dental[\s\S]*rebuilt cedar-dental/);
    expect(await (await fetch(url)).text()).toContain('<title>Start here · Cedar Riverside Dental</title>');

    // Ctrl-C (here SIGTERM) ends it cleanly and leaves no temporary folder.
    expect(await stop(child)).toBe(0);
    expect(readdirSync(tmp)).toEqual([]);
  });

  test('a port that is taken or not a number is a user error, before anything is built', async () => {
    const root = examplesProject();
    const bad = irplan(['dev', 'cedar-dental', '--port', 'http'], { cwd: root });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^error IRP_ARGS dev: --port "http" is not a port number\n {2}hint: /);
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as AddressInfo;
    try {
      // The socket is bound in the kernel: a synchronous run cannot take the port while this one waits.
      const r = irplan(['dev', '--port', String(port)], { cwd: root });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`error IRP_ARGS dev: port ${port} on 127.0.0.1 is in use`);
    } finally {
      taken.close();
    }
  });
});
