import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { REPO } from '../helpers/cli.ts';
import { tokenProject } from '../helpers/project.ts';

// `irplan dev` as a consultant runs it: serve one client, edit its plan, see the page change.
let child: ChildProcess | undefined;
afterAll(async () => {
  // Wait for the exit: dev removes its own preview folder on SIGTERM, and the project folder is
  // removed after this hook.
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child?.once('exit', done));
  child.kill('SIGTERM');
  await exited;
});

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

test('irplan dev serves the client on 127.0.0.1 and rebuilds when its plan changes', async () => {
  const { root } = tokenProject();
  const seen = { out: '' };
  child = spawn(process.execPath, [join(REPO, 'bin', 'irplan.mjs'), 'dev', 'cedar-dental'], {
    cwd: root,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => {
    seen.out += d.toString();
  });
  const first = await waitFor(child, /previewing cedar-dental at (http:\/\/127\.0\.0\.1:\d+\/)/, seen);
  const url = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(first)?.[1] ?? '';
  // The page title names the client; contacts' organisations keep the old name, so look there.
  expect(await (await fetch(url)).text()).toContain('<title>Start here · Cedar Family Dental</title>');
  const plan = join(root, 'plans', 'cedar-dental', 'plan.yaml');
  writeFileSync(plan, readFileSync(plan, 'utf8').replace('name: Cedar Family Dental', 'name: Cedar Riverside Dental'));
  await waitFor(child, /rebuilt cedar-dental[\s\S]*rebuilt cedar-dental/, seen);
  expect(await (await fetch(url)).text()).toContain('<title>Start here · Cedar Riverside Dental</title>');
});
