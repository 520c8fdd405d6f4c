import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { readPortfolio, renderPortfolio } from '../../../src/build/portfolio.ts';
import { tempDir } from '../../helpers/cli.ts';

function client(out: string, slug: string, manifest: object, findings?: string[], coverage?: object): void {
  mkdirSync(join(out, slug), { recursive: true });
  writeFileSync(join(out, slug, 'manifest.json'), JSON.stringify({ slug, draft: false, commit: null, ...manifest }));
  if (findings)
    writeFileSync(join(out, slug, 'check.json'), JSON.stringify({ asOf: '2026-11-01', findings, coverage }));
}

describe('readPortfolio', () => {
  test('lists built clients by name with build warnings and check findings, skipping other folders', () => {
    const out = tempDir();
    client(
      out,
      'zeta',
      {
        client: 'Zeta <Labs>',
        version: '1.0.0',
        classification: 'TLP:RED',
        outputs: { site: null, binder: 'pdf/b.pdf', checklists: [] },
        review: { last: null, due: null },
      },
      ['Maria Lopez: contact details last verified 400 days ago'],
      { covered: 18, generic: 2, missing: 1, total: 21 },
    );
    client(out, 'acme', {
      client: 'Acme',
      version: '2.0.0',
      classification: 'TLP:AMBER',
      draft: true,
      outputs: { site: 'site/', binder: null, checklists: [], offline: 'site/offline.html' },
      review: { last: '2026-01-01', due: '2027-01-01' },
    });
    mkdirSync(join(out, '_portfolio'));
    mkdirSync(join(out, '.staging-x-1'));
    const rows = readPortfolio(out);
    expect(rows.map((r) => r.slug)).toEqual(['acme', 'zeta']);
    expect(rows[0]?.warnings).toEqual(['built from uncommitted changes (draft)', 'no PDFs in the last build']);
    expect(rows[1]?.warnings).toEqual([
      'TLP:RED: PDFs only, no site',
      'Maria Lopez: contact details last verified 400 days ago',
    ]);
    const html = renderPortfolio(rows, '2026-11-01');
    expect(html).toContain('Zeta &lt;Labs&gt;');
    expect(html).toContain('<a href="../acme/site/offline.html">offline copy</a>');
    expect(html).toContain('<meta name="robots" content="noindex, nofollow">');
    // The CSF 2.0 column: counts from check.json, and a client built before they were counted.
    expect(rows[1]?.coverage).toEqual({ covered: 18, generic: 2, missing: 1, total: 21 });
    expect(html).toContain('<th scope="col">CSF 2.0 Respond/Recover</th>');
    expect(html).toContain('<td>18 of 21 covered<br><small>2 generic, 1 missing</small></td>');
    expect(html).toContain('<td>not counted: build again</td>');
  });
});
