import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { findPlaces, namesAt, planCoverage, summarizeCoverage } from '../../../src/check/coverage.ts';
import { buildModel, loadTables } from '../../../src/model/index.ts';
import type { CoverageEntry, Model } from '../../../src/model/index.ts';
import type { Plan } from '../../../src/plan/index.ts';
import { REPO } from '../../helpers/cli.ts';
import { readFixturePlan } from '../../helpers/fixture-plan.ts';

// `irplan coverage` over a small model: a test client's plan, hand-written documents and
// hand-written mapping entries, so each status and each kind of reference is seen on its own.
const tables = loadTables(join(REPO, 'templates'));
const opts = { slug: 'saas-only', audience: 'print' as const, buildDate: '2026-11-01', draft: false };
const model = (change: (plan: Plan) => void = () => {}): Model => {
  const plan = readFixturePlan('saas-only');
  change(plan);
  return buildModel(plan, tables, opts);
};

const docs = [
  { id: 'first-15-minutes', title: 'The first 15 minutes', body: '# The first 15 minutes\n\nStay calm.\n' },
  {
    id: 'playbook-ransomware',
    title: 'Playbook: ransomware',
    body: [
      '# Playbook: ransomware',
      '',
      '| | 1. Identify: confirm it. | Who |',
      '|---|---|---|',
      '| | Check the backups are intact. | Lead |',
      '',
      '| | 5. Recover: bring it back. | Who |',
      '|---|---|---|',
      '| | Restore in order. | Lead |',
      '| | Declare recovery. | Commander |',
      '',
      '## Notes',
      '',
      'Declare nothing here.',
    ].join('\n'),
  },
  { id: 'playbook-phishing', title: 'Playbook: phishing', body: '| | 5. Recover: reset. | Who |\n|---|---|---|\n' },
];

const entry = (fields: Partial<CoverageEntry>): CoverageEntry => ({
  id: 'XX.YY-01',
  function: 'Respond',
  category: 'Test',
  text: 'Something is done',
  recommendation: 'Do it.',
  where: ['first-15-minutes'],
  named: ['roles[id=incident-commander].primary.name'],
  named_field: 'contacts[].roles (incident-commander)',
  ...fields,
});

describe('where the plan does it', () => {
  test('a document, a heading or step table by its words, a line under it, a prefix of documents', () => {
    expect(findPlaces(docs, 'first-15-minutes')).toEqual(['The first 15 minutes']);
    expect(findPlaces(docs, 'first-15-minutes#first 15')).toEqual(['The first 15 minutes']);
    expect(findPlaces(docs, 'playbook-*#Recover')).toEqual([
      'Playbook: ransomware: 5. Recover',
      'Playbook: phishing: 5. Recover',
    ]);
    expect(findPlaces(docs, 'playbook-*#Recover~declare recovery')).toEqual(['Playbook: ransomware: 5. Recover']);
    // A line belongs to its own table or heading only.
    expect(findPlaces(docs, 'playbook-ransomware#Identify~restore')).toEqual([]);
    expect(findPlaces(docs, 'playbook-ransomware#Notes~declare nothing')).toEqual(['Playbook: ransomware: Notes']);
    expect(findPlaces(docs, 'playbook-ransomware#Eradicate')).toEqual([]);
    expect(findPlaces(docs, 'regulatory')).toEqual([]);
  });
});

describe('who or what the model names', () => {
  const m = model();
  test('fields and lists are walked; [field] keeps the set ones, [field=value] the equal ones', () => {
    expect(namesAt(m, 'roles[id=incident-commander].primary.name')).toEqual(['Nina Berg']);
    expect(namesAt(m, 'assets[rto].name').length).toBeGreaterThan(0);
    expect(namesAt(m, 'assets[criticality=critical].name')).toEqual(m.criticalAssets.map((a) => a.name));
    expect(namesAt(m, 'scope.backup')).toEqual([]);
    expect(namesAt(m, 'continuity.drp.owner.name')).toEqual([]);
  });

  test('a path that is no field is a bug in the table, said as such', () => {
    expect(() => namesAt(m, 'roles[id=x.y')).toThrow(/coverage\.yaml: .* is not a field or field\[filter\]/);
  });
});

describe('planCoverage', () => {
  test('covered names the person, generic gives the field that would name one, missing the field to add', () => {
    const entries = [
      entry({ id: 'A-01' }),
      entry({ id: 'A-02', named: ['continuity.drp.owner.name'], named_field: 'continuity.drp' }),
      entry({ id: 'A-03', requires: ['scope.backup'], missing_field: 'an asset with services [backup]' }),
      entry({ id: 'A-04', where: ['regulatory', 'playbook-*#Eradicate'] }),
    ];
    const rows = planCoverage(model(), docs, entries);
    expect(rows.map((r) => [r.id, r.status, r.named, r.fill])).toEqual([
      ['A-01', 'covered', ['Nina Berg'], null],
      ['A-02', 'generic', [], 'continuity.drp'],
      ['A-03', 'missing', [], 'an asset with services [backup]'],
      ['A-04', 'missing', [], 'a section or step that does it (regulatory, playbook-*#Eradicate)'],
    ]);
    expect(rows[0]?.where).toEqual(['The first 15 minutes']);
    expect(summarizeCoverage(rows)).toEqual({ covered: 1, generic: 1, missing: 2, total: 4 });
  });

  test('the same subcategory turns generic when the plan gives nobody the role', () => {
    const nobody = model((plan) => {
      for (const c of plan.contacts) c.roles = [];
    });
    const [row] = planCoverage(nobody, docs, [entry({})]);
    expect([row?.status, row?.named, row?.fill]).toEqual(['generic', [], 'contacts[].roles (incident-commander)']);
  });

  test('every subcategory of the issue is in the shipped table, with its text and a field to fill', () => {
    expect(tables.coverage.map((e) => e.id)).toEqual([
      ...['RS.MA-01', 'RS.MA-02', 'RS.MA-03', 'RS.MA-04', 'RS.MA-05'],
      ...['RS.AN-03', 'RS.AN-06', 'RS.AN-07', 'RS.AN-08', 'RS.CO-02', 'RS.CO-03', 'RS.MI-01', 'RS.MI-02'],
      ...['RC.RP-01', 'RC.RP-02', 'RC.RP-03', 'RC.RP-04', 'RC.RP-05', 'RC.RP-06', 'RC.CO-03', 'RC.CO-04'],
    ]);
    for (const e of tables.coverage) {
      expect(e.text.length, e.id).toBeGreaterThan(20);
      expect(e.named_field, e.id).not.toBe('');
      if (e.requires) expect(e.missing_field, e.id).toBeTruthy();
      // Every path in the table is one the model can walk.
      for (const path of [...e.named, ...(e.requires ?? [])]) expect(() => namesAt(model(), path), path).not.toThrow();
    }
  });
});
