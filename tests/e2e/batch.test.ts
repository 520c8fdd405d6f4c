import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { irplan, REPO, tempDir } from '../helpers/cli.ts';
import { examplesProject } from '../helpers/project.ts';

// Changed clients are built by one Astro run per batch (IRPLAN_SITE_BATCH, default 12) and split
// afterwards. A batch must give each client exactly the site it would get alone, and a client
// whose pages break the run must fail alone.
const root = examplesProject('irplan-batch-');
cpSync(join(root, 'plans', 'cedar-dental'), join(root, 'plans', 'cedar-annex'), { recursive: true });

// No PDFs and no Word binders: what is compared is the sites.
const build = (out: string, batch: string, ...extra: string[]) =>
  irplan(['build', '--no-pdf', '--no-docx', '--out', out, ...extra], {
    cwd: root,
    env: { IRPLAN_SITE_BATCH: batch, SOURCE_DATE_EPOCH: '1764000000' },
  });
const counts = (text: string) => /built (\d+), unchanged (\d+), failed (\d+)/.exec(text)?.slice(1).map(Number);

/** Every file of a client's site with its bytes, for comparing two builds. */
function siteFiles(out: string, slug: string): Map<string, string> {
  const dir = join(out, slug, 'site');
  return new Map(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile())
      .map((d) => {
        const path = join(d.parentPath, d.name);
        return [path.slice(dir.length), readFileSync(path, 'base64')] as const;
      }),
  );
}

describe('site batches', () => {
  test('one Astro run for three clients gives each the same bytes as a run per client', () => {
    const together = tempDir('irplan-batch-3-');
    const alone = tempDir('irplan-batch-1-');
    expect(counts(build(together, '3').stdout)).toEqual([3, 0, 0]);
    expect(counts(build(alone, '1').stdout)).toEqual([3, 0, 0]);
    for (const slug of ['cedar-annex', 'cedar-dental', 'northwind-logistics']) {
      const a = siteFiles(together, slug);
      expect(a.size).toBeGreaterThan(30);
      expect(a).toEqual(siteFiles(alone, slug));
    }
    // No client's pages carry another client's name.
    expect(readFileSync(join(together, 'cedar-dental', 'site', 'index.html'), 'utf8')).not.toContain('Northwind');
  });

  test('a client whose pages break the run fails alone; the rest of its batch is built', () => {
    // A client template override that drops the start page's id: its index page cannot be built.
    const own = join(root, 'plans', 'cedar-annex', 'templates', 'sections');
    mkdirSync(own, { recursive: true });
    writeFileSync(
      join(own, '00-index.md.hbs'),
      readFileSync(join(REPO, 'templates', 'sections', '00-index.md.hbs'), 'utf8').replace('id: index', 'id: welcome'),
    );
    const out = tempDir('irplan-batch-bad-');
    const r = build(out, '3');
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.stdout + r.stderr).toMatch(/IRP_SITE the site of "cedar-annex" failed to build/);
    expect(counts(r.stdout + r.stderr)).toEqual([2, 0, 1]);
    expect(readdirSync(join(out, 'cedar-dental', 'site'))).toContain('index.html');
    expect(readdirSync(join(out, 'northwind-logistics', 'site'))).toContain('index.html');
  });
});
