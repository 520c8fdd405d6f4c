import { cpSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { irplan, REPO, tempDir } from '../helpers/cli.ts';
import { tokenProject } from '../helpers/project.ts';

// Incremental builds as a consultant meets them: build, change one thing, build again, and see
// which clients were rebuilt and which files were left alone. Sites only (--no-pdf --no-docx) to
// keep it quick; reprint.test.ts checks PDFs and Word binders, the benchmark at portfolio scale.
const { root } = tokenProject();
// The plan repository keeps its own templates, as many MSPs' repositories do.
cpSync(join(REPO, 'templates'), join(root, 'templates'), { recursive: true });
const out = tempDir('irplan-incr-');
const build = (...extra: string[]) => {
  const r = irplan(['build', '--no-pdf', '--no-docx', '--out', out, ...extra], { cwd: root });
  expect(r.stderr).not.toMatch(/internal error/);
  return r;
};
const counts = (stdout: string) => /built (\d+), unchanged (\d+), failed (\d+)/.exec(stdout)?.slice(1).map(Number);

/** Every file below a client's output folder with its mtime. */
function mtimes(slug: string): Map<string, number> {
  const dir = join(out, slug);
  return new Map(
    readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => [f, statSync(join(dir, f)).mtimeMs]),
  );
}

const edit = (file: string, from: string | RegExp, to: string) => {
  const text = readFileSync(join(root, file), 'utf8');
  const next = text.replace(from, to);
  expect(next, `${file} should contain ${from}`).not.toBe(text);
  writeFileSync(join(root, file), next);
};

describe('incremental builds', () => {
  beforeAll(() => {
    expect(counts(build().stdout)).toEqual([2, 0, 0]);
  });

  test('a second build with no change rebuilds nothing and touches no file', () => {
    const before = [mtimes('cedar-dental'), mtimes('northwind-logistics')];
    const r = build();
    expect(counts(r.stdout)).toEqual([0, 2, 0]);
    // Unchanged clients are skipped unread: none of them counts as validated.
    expect(r.stderr).toContain('validated no client: 2 clients unchanged, not validated again\n');
    expect([mtimes('cedar-dental'), mtimes('northwind-logistics')]).toEqual(before);
  });

  test('a change to one client rebuilds that client only', () => {
    const other = mtimes('northwind-logistics');
    edit('plans/cedar-dental/plan.yaml', 'name: Cedar Family Dental', 'name: Cedar Riverside Dental');
    const r = build();
    expect(counts(r.stdout)).toEqual([1, 1, 0]);
    expect(r.stderr).toMatch(/^validated 1 client in [\d.]+ s: 1 valid; 1 client unchanged, not validated again$/m);
    expect(mtimes('northwind-logistics')).toEqual(other);
    expect(readFileSync(join(out, 'cedar-dental', 'site', 'index.html'), 'utf8')).toContain('Cedar Riverside Dental');
  });

  test('the logo, which lives outside the client folders, is part of every key', () => {
    edit('plans/branding/bluefin-logo.svg', '</svg>', '<!-- new colour --></svg>');
    expect(counts(build().stdout)).toEqual([2, 0, 0]);
  });

  test('a template change rebuilds every client', () => {
    edit('templates/sections/100-communications.md.hbs', /\n*$/, '\n{{!-- reviewed --}}\n');
    expect(counts(build().stdout)).toEqual([2, 0, 0]);
  });

  test('--force rebuilds even when nothing changed', () => {
    expect(counts(build('--force').stdout)).toEqual([2, 0, 0]);
    expect(counts(build().stdout)).toEqual([0, 2, 0]);
  });

  test('a different --base is a different build', () => {
    expect(counts(build('--base', '/ir/').stdout)).toEqual([2, 0, 0]);
    expect(readFileSync(join(out, 'cedar-dental', 'site', 'index.html'), 'utf8')).toContain('href="/ir/');
  });

  test('a damaged key file means rebuild, never a skipped client', () => {
    writeFileSync(join(out, 'cedar-dental', '.irplan-build.json'), '{"key": 12');
    expect(counts(build('--base', '/ir/').stdout)).toEqual([1, 1, 0]);
  });

  test('a broken edit is reported and leaves the last good outputs in place', () => {
    const before = mtimes('cedar-dental');
    edit('plans/cedar-dental/plan.yaml', /^plan:\n/m, 'plan:\n  colour: teal\n');
    const r = build('--base', '/ir/');
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toMatch(/IRP_UNKNOWN_KEY/);
    expect(counts(r.stdout + r.stderr)).toEqual([0, 1, 1]);
    expect(mtimes('cedar-dental')).toEqual(before);
  });
});
