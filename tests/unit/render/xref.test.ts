import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { checkPlan, DEFAULT_CHECK } from '../../../src/check/index.ts';
import { buildModel, loadTables } from '../../../src/model/index.ts';
import { collectTemplates, renderDocuments } from '../../../src/render/index.ts';
import { slug } from '../../../src/render/xref.ts';
import type { UserError } from '../../../src/shared/index.ts';
import { REPO } from '../../helpers/bin.ts';
import { tempDir } from '../../helpers/cli.ts';
import { readFixturePlan } from '../../helpers/fixture-plan.ts';

// Cross-references ({{see}}) and document control, rendered for a client made for them
// (tests/fixtures/clients/findable-stale: no revision history, review overdue, stale contacts).
const tables = loadTables(join(REPO, 'templates'));
const plan = readFixturePlan('findable-stale');
const opts = { slug: 'findable-stale', audience: 'print' as const, buildDate: '2026-09-21', draft: false };
const model = buildModel(plan, tables, opts);

/** Renders a set of templates written into a fresh folder: path to text (front matter added). */
function render(files: Record<string, [meta: string, body: string]>) {
  const dir = tempDir('irplan-xref-');
  for (const [rel, [meta, body]] of Object.entries(files)) {
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), `---\n${meta}\n---\n${body}`);
  }
  return renderDocuments(model, collectTemplates(dir, null));
}

const A = 'id: alpha\ntitle: Alpha\norder: 1\nkind: section';
const B = 'id: beta\ntitle: "Beta: the second | part"\norder: 2\nkind: section';
const decoded = (md: string) => md.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)));

describe('{{see}}', () => {
  test('writes "see <title>" as a link to the other page, with a hidden page slot for the binder', () => {
    const docs = render({
      'sections/a.md.hbs': [A, 'Call them ({{see "beta"}}).\n\n{{see "beta" "Who calls" capital=true}}.\n'],
      'sections/b.md.hbs': [B, '# Beta\n\n## Who calls\n\nText.\n'],
    });
    const body = docs.find((d) => d.id === 'alpha')?.body ?? '';
    expect(body).toContain(
      'Call them (see <a class="xref" href="../beta/" data-xref="beta">Beta&#58; the second &#124; part</a><span class="xref-at" hidden data-pagefind-ignore>, p.<span class="xref-page">0</span></span>).',
    );
    expect(decoded(body)).toContain(
      'See <a class="xref" href="../beta/#who-calls" data-xref="beta" data-xref-heading="Who calls">Who calls</a>',
    );
  });

  test("a document's sources are its template and those it refers to, a partial's references included", () => {
    const docs = render({
      'sections/a.md.hbs': [A, 'Call them ({{see "beta"}}).\n\n{{> tail}}\n'],
      'sections/b.md.hbs': [B, '# Beta\n'],
      'sections/c.md.hbs': ['id: gamma\ntitle: Gamma\norder: 3\nkind: section', '# Gamma\n'],
      'sections/d.md.hbs': ['id: delta\ntitle: Delta\norder: 4\nkind: section', '# Delta\n'],
      'partials/tail.hbs': ['', 'Then {{see "gamma"}}.'],
    });
    const sources = (id: string) => docs.find((d) => d.id === id)?.sources;
    expect(sources('alpha')).toEqual(['sections/a.md.hbs', 'sections/b.md.hbs', 'sections/c.md.hbs']);
    // The partial might be used by any document: its reference counts for each.
    expect(sources('delta')).toEqual(['sections/c.md.hbs', 'sections/d.md.hbs']);
  });

  test('links from the start page, which sits above the others', () => {
    const docs = render({
      'sections/index.md.hbs': ['id: index\ntitle: Start\norder: 0\nkind: section\nbinder: false', '{{see "beta"}}\n'],
      'sections/b.md.hbs': [B, '# Beta\n'],
    });
    expect(docs.find((d) => d.id === 'index')?.body).toContain('href="./beta/"');
  });

  test('a typo is an error at its line and column, with the nearest id', () => {
    let error: UserError | undefined;
    try {
      render({
        'sections/a.md.hbs': [A, 'Line one.\n\nSee it: {{see "betta"}}.\n'],
        'sections/b.md.hbs': [B, '# B\n'],
      });
    } catch (e) {
      error = e as UserError;
    }
    expect(error?.code).toBe('IRP_TEMPLATE_XREF');
    expect(error?.position).toMatchObject({ line: 9, col: 9 });
    expect(error?.hint).toContain('"beta"');
  });

  test('a reference inside a heading, to a heading that is not there, or to a document the client lacks is refused', () => {
    const refused = (files: Record<string, [string, string]>) => {
      try {
        render(files);
      } catch (e) {
        return `${(e as UserError).code} ${(e as UserError).message}`;
      }
      return 'rendered';
    };
    expect(
      refused({ 'sections/a.md.hbs': [A, '## Call ({{see "beta"}})\n'], 'sections/b.md.hbs': [B, '# B\n'] }),
    ).toMatch(/IRP_TEMPLATE_XREF .*is in a heading/);
    expect(
      refused({ 'sections/a.md.hbs': [A, '{{see "beta" "Nope"}}\n'], 'sections/b.md.hbs': [B, '# B\n\n## Yes\n'] }),
    ).toMatch(/IRP_TEMPLATE_XREF .*has no heading "Nope"/);
    // This client has no macOS asset, so it does not get the macOS sheet.
    expect(
      refused({
        'sections/a.md.hbs': [A, '{{see "mac"}}\n'],
        'checklists/m.md.hbs': [
          'id: mac\ntitle: Mac\norder: 3\nkind: checklist\nchecklist: forensics-macos',
          '# Mac\n',
        ],
      }),
    ).toMatch(/IRP_TEMPLATE .*does not get/);
  });

  test('heading ids follow the site (github-slugger)', () => {
    expect(slug('Triage matrix')).toBe('triage-matrix');
    expect(slug('1. The insurance clock')).toBe('1-the-insurance-clock');
    expect(slug("Actions that need Harborline Mutual's consent")).toBe('actions-that-need-harborline-mutuals-consent');
  });
});

describe('document control', () => {
  const docs = renderDocuments(
    buildModel(plan, tables, {
      ...opts,
      findings: checkPlan('findable-stale', plan, { ...DEFAULT_CHECK, today: '2026-09-21' }),
    }),
    collectTemplates(join(REPO, 'templates'), null),
  );
  const text = decoded(docs.find((d) => d.id === 'document-control')?.body ?? '');

  test('says no history is recorded instead of inventing a first issue', () => {
    expect(text).toContain('No history recorded in the plan.');
    expect(text).not.toMatch(/first issue/i);
  });

  test('shows the maintenance findings as of the build date in a box', () => {
    const box = /<div class="findings-box">([\s\S]*?)<\/div>/.exec(text)?.[1] ?? '';
    expect(box).toContain('Maintenance findings as of September 21, 2026.');
    expect(box).toContain('- plan review was due on 2026-02-01 (last review 2025-02-01, 232 days overdue)');
    expect(box).toContain('- Rosa Diaz: contact details last verified on 2024-11-04, 686 days ago (more than 180)');
    expect(box).toContain('- Una Berg: contact details have never been verified');
  });

  test('says so when the check finds nothing', () => {
    const clean = renderDocuments(model, collectTemplates(join(REPO, 'templates'), null));
    expect(decoded(clean.find((d) => d.id === 'document-control')?.body ?? '')).toContain(
      'Maintenance findings as of September 21, 2026:** none',
    );
  });
});
