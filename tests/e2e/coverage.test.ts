import { describe, expect, test } from 'vitest';
import { irplan } from '../helpers/cli.ts';
import { EXAMPLE_CLIENTS } from '../helpers/examples.ts';
import { examplesProject } from '../helpers/project.ts';

// Issue 22: `irplan coverage` maps both examples to the CSF 2.0 Respond and Recover subcategories,
// and every subcategory is either covered or explained (the field to fill).
const SUBCATEGORIES = [
  ...['RS.MA-01', 'RS.MA-02', 'RS.MA-03', 'RS.MA-04', 'RS.MA-05', 'RS.AN-03', 'RS.AN-06', 'RS.AN-07', 'RS.AN-08'],
  ...['RS.CO-02', 'RS.CO-03', 'RS.MI-01', 'RS.MI-02', 'RC.RP-01', 'RC.RP-02', 'RC.RP-03', 'RC.RP-04', 'RC.RP-05'],
  ...['RC.RP-06', 'RC.CO-03', 'RC.CO-04'],
];

interface Row {
  id: string;
  status: string;
  text: string;
  recommendation: string;
  where: string[];
  named: string[];
  fill: string | null;
}
interface Summary {
  covered: number;
  generic: number;
  missing: number;
  total: number;
}
interface Report {
  clients: { slug: string; client: string; summary: Summary; subcategories: Row[] }[];
}

describe('irplan coverage', () => {
  const project = examplesProject('irplan-coverage-');

  test('--json: both examples, every subcategory covered by someone named or explained by a field to fill', () => {
    const run = irplan(['coverage', '--json'], { cwd: project });
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.clients.map((c) => c.slug).sort()).toEqual([...EXAMPLE_CLIENTS].sort());
    for (const c of report.clients) {
      expect(
        c.subcategories.map((r) => r.id),
        c.slug,
      ).toEqual(SUBCATEGORIES);
      for (const r of c.subcategories) {
        const why = `${c.slug} ${r.id}`;
        expect(r.text, why).not.toBe('');
        expect(r.recommendation, why).not.toBe('');
        if (r.status === 'covered') {
          expect(r.named.length, why).toBeGreaterThan(0);
          expect(r.where.length, why).toBeGreaterThan(0);
        } else {
          expect(['generic', 'missing'], why).toContain(r.status);
          // Explained: a plan field to fill, never the fallback that blames the templates.
          expect(r.fill, why).toMatch(/^(contacts|assets|continuity|an asset)/);
        }
      }
      const s = c.summary;
      expect(s.covered + s.generic + s.missing, c.slug).toBe(SUBCATEGORIES.length);
    }
    // The full example names someone for everything; the small practice lacks a backup system.
    const northwind = report.clients.find((c) => c.slug === 'northwind-logistics');
    expect(northwind?.summary.covered).toBe(SUBCATEGORIES.length);
    const cedar = report.clients.find((c) => c.slug === 'cedar-dental');
    expect(cedar?.subcategories.find((r) => r.id === 'RC.RP-03')?.status).toBe('missing');
    expect(cedar?.subcategories.find((r) => r.id === 'RS.MA-01')?.named).toEqual(['Dr. Grace Kim']);
  });

  test('text: a head line per client, then one line per subcategory; naming a client limits it', () => {
    const run = irplan(['coverage', 'cedar-dental'], { cwd: project });
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^Cedar [^(]+ \(cedar-dental\): \d+ of 21 covered, \d+ only generically, \d+ missing$/);
    expect(lines[1]).toMatch(/^ID\s+Status\s+Named, or the field to fill\s+Where in the plan$/);
    expect(lines.slice(2).map((l) => l.split(/\s+/)[0])).toEqual(SUBCATEGORIES);
    expect(run.stdout).toMatch(/RC\.RP-03 +missing +fill: an asset with services \[backup\]/);
    expect(run.stdout).not.toContain('Northwind');
  });

  test('an unknown client is a user error', () => {
    const run = irplan(['coverage', 'nobody-here'], { cwd: project });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('nobody-here');
  });
});
