import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import { irplan, REPO, tempDir } from '../helpers/cli.ts';

// Faults during a build (issue 8): no browser, a full or read-only disk (an injected fault, since
// root ignores chmod), Ctrl-C. Each must give a clear message and the right exit code, remove its
// temporary folders, and leave the previous dist/<slug> exactly as it was.
const FIXTURE = resolve(import.meta.dirname, '../fixtures/hostile/render');
const FAULT = pathToFileURL(resolve(import.meta.dirname, '../fixtures/hostile/faults/fail-writes.mjs')).href;
const SLUG = 'payloads';

let root: string;
let out: string;
let before: string;

/** A hash of every file's path and bytes under `dir`: equal hashes mean an identical tree. */
function treeHash(dir: string): string {
  const hash = createHash('sha256');
  for (const f of readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    const full = join(dir, f);
    hash.update(f);
    try {
      hash.update(readFileSync(full));
    } catch {
      hash.update('<dir>');
    }
  }
  return hash.digest('hex');
}

/** Temporary folders a build leaves behind if it does not clean up. */
function leftovers(pid?: number): string[] {
  const work = join(REPO, 'node_modules', '.irplan-work');
  const inWork = existsSync(work)
    ? readdirSync(work).filter((n) => n.startsWith(`${SLUG}-`) || n.includes(`-${pid}-`))
    : [];
  return [...readdirSync(out).filter((n) => n.startsWith('.staging-') || n.includes('.old-')), ...inWork];
}

const build = (extra: string[], env: NodeJS.ProcessEnv = {}) =>
  irplan(['build', SLUG, '--no-pdf', '--force', '--out', out, ...extra], { cwd: root, env });

beforeAll(() => {
  root = tempDir('irplan-faults-');
  cpSync(FIXTURE, root, { recursive: true });
  out = join(root, 'dist');
  const first = build([]);
  expect(first.code, first.stderr).toBe(0);
  before = treeHash(join(out, SLUG));
});

describe('faults during a build', () => {
  test('no browser: exit 1, a hint, the previous output untouched', () => {
    const r = irplan(['build', SLUG, '--force', '--out', out], {
      cwd: root,
      env: { PUPPETEER_EXECUTABLE_PATH: '/nonexistent' },
    });
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(r.stderr).toMatch(/error IRP_NO_BROWSER .*\/nonexistent/);
    expect(r.stderr).toMatch(/^ {2}hint: /m);
    expect(leftovers()).toEqual([]);
    expect(treeHash(join(out, SLUG))).toBe(before);
  });

  test('a full disk while writing the staging folder: exit 1, a clear message, nothing half-written', () => {
    const r = build([], {
      NODE_OPTIONS: `--import ${FAULT}`,
      IRPLAN_TEST_FAIL_PATH: 'meta.json',
      IRPLAN_TEST_FAIL_CODE: 'ENOSPC',
    });
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(r.stderr).toMatch(/error IRP_WRITE .*no space left/i);
    expect(leftovers()).toEqual([]);
    expect(treeHash(join(out, SLUG))).toBe(before);
  });

  test('a read-only dist/ at the final swap: exit 1, the previous output restored', () => {
    const r = build([], {
      NODE_OPTIONS: `--import ${FAULT}`,
      IRPLAN_TEST_FAIL_PATH: join(out, SLUG),
      IRPLAN_TEST_FAIL_CODE: 'EROFS',
    });
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(r.stderr).toMatch(/error IRP_WRITE .*read-only/i);
    expect(leftovers()).toEqual([]);
    expect(treeHash(join(out, SLUG))).toBe(before);
  });

  test('Ctrl-C mid-build: exit 130, staging folders removed, the previous output untouched', async () => {
    const child = spawn(
      process.execPath,
      [join(REPO, 'bin', 'irplan.mjs'), 'build', SLUG, '--no-pdf', '--force', '--out', out],
      { cwd: root, env: { ...process.env, NO_COLOR: '1' }, stdio: 'pipe' },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    // Wait until the build has written into its staging folder, then interrupt it.
    for (let i = 0; i < 600 && !readdirSync(out).some((n) => n.startsWith('.staging-')); i++)
      await new Promise((r) => setTimeout(r, 100));
    expect(readdirSync(out).some((n) => n.startsWith('.staging-'))).toBe(true);
    await new Promise((r) => setTimeout(r, 1500));
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).not.toMatch(/internal error|\n\s+at /);
    expect(leftovers(child.pid)).toEqual([]);
    // The Astro build runs in a child process of its own: it must not outlive the interrupted build.
    // Only this build's worker counts (found by its staging folder): other test files build at the same time.
    const astro = readdirSync('/proc')
      .filter((n) => /^\d+$/.test(n))
      .filter((n) => {
        try {
          return (
            readFileSync(`/proc/${n}/cmdline`, 'utf8').includes('src/site/worker.ts') &&
            readFileSync(`/proc/${n}/environ`, 'utf8').includes(`.staging-batch0-${child.pid}-`)
          );
        } catch {
          return false;
        }
      });
    expect(astro).toEqual([]);
    expect(treeHash(join(out, SLUG))).toBe(before);
  });

  test('a build killed outright (SIGKILL) leaves no Astro process behind', async () => {
    const child = spawn(
      process.execPath,
      [join(REPO, 'bin', 'irplan.mjs'), 'build', SLUG, '--no-pdf', '--force', '--out', out],
      { cwd: root, env: { ...process.env, NO_COLOR: '1' }, stdio: 'ignore' },
    );
    const exited = new Promise((done) => child.on('exit', done));
    // The batch's Astro process is started before rendering; it is found by the content folder it was given.
    // The outer build is the process's first (run 0); a released version's nested build would be run 1.
    const staging = `.staging-batch0-${child.pid}-0`;
    const workers = () =>
      readdirSync('/proc')
        .filter((n) => /^\d+$/.test(n))
        .filter((n) => {
          try {
            return (
              readFileSync(`/proc/${n}/cmdline`, 'utf8').includes('src/site/worker.ts') &&
              readFileSync(`/proc/${n}/environ`, 'utf8').includes(staging)
            );
          } catch {
            return false;
          }
        });
    for (let i = 0; i < 600 && workers().length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(workers().length).toBe(1);
    child.kill('SIGKILL');
    await exited;
    // No handler runs on SIGKILL: the worker's IPC channel closes with its parent, and it exits by itself.
    for (let i = 0; i < 100 && workers().length > 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(workers()).toEqual([]);
    // What SIGKILL could not clean up, removed here so the tests above stay meaningful when re-run.
    rmSync(join(out, staging), { recursive: true, force: true });
    const work = join(REPO, 'node_modules', '.irplan-work');
    for (const n of existsSync(work) ? readdirSync(work).filter((x) => x.includes(`-${child.pid}-`)) : [])
      rmSync(join(work, n), { recursive: true, force: true });
  });
});
