import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { irplan, tempDir, tool } from '../helpers/cli.ts';

// The browser crashing or hanging mid-print (issue 8), with a wrapper that starts the real
// browser and then kills or freezes it. A crash is retried once on a fresh browser; a browser that
// keeps failing ends in a clear error, exit 1, and the previous outputs as they were.
const FIXTURE = resolve(import.meta.dirname, '../fixtures/hostile/render');
const FAULTY = resolve(import.meta.dirname, '../fixtures/hostile/faults/faulty-browser.sh');
const SLUG = 'payloads';

let root: string;
let out: string;

const treeHash = (dir: string) => {
  const hash = createHash('sha256');
  for (const f of readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    hash.update(f);
    try {
      hash.update(readFileSync(join(dir, f)));
    } catch {
      hash.update('<dir>');
    }
  }
  return hash.digest('hex');
};

/** Stopped (frozen) chromium processes on the machine, by pid. */
const frozenBrowsers = () =>
  tool('ps', ['-eo', 'pid=,stat=,comm='])
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter(([, stat, comm]) => stat?.startsWith('T') && /chrom/.test(comm ?? ''))
    .map(([pid]) => pid ?? '');

// A killed browser cannot remove its own temporary files, so they go to a folder inside root.
const build = (env: NodeJS.ProcessEnv) =>
  irplan(['build', SLUG, '--force', '--no-docx', '--out', out], {
    cwd: root,
    env: { PUPPETEER_EXECUTABLE_PATH: FAULTY, TMPDIR: join(root, 'tmp'), ...env },
  });

beforeAll(() => {
  root = tempDir('irplan-browser-faults-');
  cpSync(FIXTURE, root, { recursive: true });
  mkdirSync(join(root, 'tmp'));
  out = join(root, 'dist');
});

describe('the browser fails while printing', () => {
  test('a crash mid-print is retried on a fresh browser and the build succeeds', () => {
    const marker = join(mkdtempSync(join(root, 'marker-')), 'crashed-once');
    const r = build({ IRPLAN_FAULT: 'crash', IRPLAN_FAULT_AFTER: '1', IRPLAN_FAULT_ONCE: marker });
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(r.code, r.stderr).toBe(0);
    expect(
      readdirSync(root).some((d) => d.startsWith('marker-') && readdirSync(join(root, d)).includes('crashed-once')),
    ).toBe(true);
    const manifest = JSON.parse(readFileSync(join(out, SLUG, 'manifest.json'), 'utf8'));
    for (const pdf of [manifest.outputs.binder, ...manifest.outputs.checklists]) {
      expect(tool('pdfinfo', [join(out, SLUG, pdf)]), pdf).toMatch(/Pages:\s+[1-9]/);
    }
  });

  test('a browser that hangs every time: exit 1 with IRP_PRINT, no stack trace, previous output untouched', () => {
    const before = treeHash(join(out, SLUG));
    const frozenBefore = frozenBrowsers();
    const started = Date.now();
    const r = build({ IRPLAN_FAULT: 'hang', IRPLAN_FAULT_AFTER: '1', IRPLAN_PRINT_TIMEOUT_MS: '4000' });
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(r.stderr).toMatch(/error IRP_PRINT .*failed twice/);
    expect(r.stderr).toMatch(/^ {2}hint: /m);
    expect(Date.now() - started).toBeLessThan(120_000);
    expect(readdirSync(out).filter((n) => n.startsWith('.staging-') || n.includes('.old-'))).toEqual([]);
    expect(treeHash(join(out, SLUG))).toBe(before);
    // No frozen browser process is left behind by this build.
    expect(frozenBrowsers().filter((pid) => !frozenBefore.includes(pid))).toEqual([]);
    // Nor a temporary folder: each killed browser's (Chromium's socket folder included) went with it.
    expect(readdirSync(join(root, 'tmp'))).toEqual([]);
  });
});
