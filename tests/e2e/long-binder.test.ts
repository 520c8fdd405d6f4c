import { cpSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { generatePortfolio } from '../../scripts/bench/portfolio.ts';
import { irplan, REPO, tempDir, tool } from '../helpers/cli.ts';
import { crossReferences } from '../helpers/xrefs.ts';

// A binder of more than 200 pages (the benchmark's synthetic client): its text is long enough for
// three-digit page slots before the first print (src/pdf/xref.ts), so it is printed twice in a
// first build (once to learn its page numbers), and every cross-reference gives its target's page.
const project = tempDir('irplan-long-binder-');
const out = tempDir('irplan-long-binder-out-');
let slug = '';
let events: { event: string; prints?: number; numberingPrints?: number }[] = [];

beforeAll(() => {
  [slug = ''] = generatePortfolio(project, 1);
  cpSync(join(REPO, 'templates'), join(project, 'templates'), { recursive: true });
  const r = irplan(['build', '--json', '--no-docx', '--out', out], { cwd: project });
  expect(r.code, r.stderr).toBe(0);
  events = r.stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l));
});

describe('a binder of more than 100 pages', () => {
  test('has three-digit cross-references that give the page the outline gives their target', () => {
    const binder = join(out, slug, 'pdf', `${slug}-binder.pdf`);
    expect(Number(/Pages:\s+(\d+)/.exec(tool('pdfinfo', [binder]))?.[1])).toBeGreaterThan(150);
    const refs = crossReferences(binder);
    expect(refs.filter((r) => r.says >= 100).length).toBeGreaterThan(3);
    for (const r of refs) expect(r.outline, `page ${r.page}: see ${r.title}, p. ${r.says}`).toContain(r.says);
  });

  test('one print per PDF, and one more for the first binder: the site binder takes its numbers', () => {
    const count = (dir: string) => readdirSync(join(out, slug, dir)).filter((f) => f.endsWith('.pdf')).length;
    // The site's copies are printed apart only when the plan has private numbers.
    const apart = /private: true/.test(readFileSync(join(project, 'plans', slug, 'plan.yaml'), 'utf8'));
    const done = events.find((e) => e.event === 'done');
    expect(done?.prints).toBe(count('pdf') + (apart ? count('site/pdf') : 0) + 1);
    expect(done?.numberingPrints).toBe(1);
  });
});
