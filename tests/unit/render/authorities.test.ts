import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildModel } from '../../../src/model/model.ts';
import { loadTables } from '../../../src/model/tables.ts';
import type { Plan } from '../../../src/plan/types.ts';
import { collectTemplates } from '../../../src/render/collect.ts';
import { renderDocuments } from '../../../src/render/render.ts';
import { REPO } from '../../helpers/bin.ts';
import { readFixturePlan } from '../../helpers/fixture-plan.ts';

// What the binder says next to a public authority: what its data could not confirm, wherever its number or
// page is printed; and the law-enforcement call, which waits for the insurer only when the policy says so.
const tables = loadTables(join(REPO, 'templates'));
const templates = collectTemplates(join(REPO, 'templates'), null);
const opts = { slug: 'x', audience: 'print' as const, buildDate: '2026-11-01', draft: false };

/** The rendered Markdown of each document by id, as a reader sees the text (character references decoded). */
function render(p: Plan): (id: string) => string {
  const docs = renderDocuments(buildModel(p, tables, opts), templates);
  return (id) =>
    (docs.find((d) => d.id === id)?.body ?? `no document ${id}`).replace(/&#(\d+);/g, (_, n: string) =>
      String.fromCharCode(Number(n)),
    );
}

describe("an authority's confirm is printed wherever its number or page is", () => {
  const doubt = 'The live-attack line was read only in a news report';
  const p = readFixturePlan('uk-firm');
  p.jurisdiction = {
    authorities: [
      {
        id: 'gb-report-fraud',
        kind: 'law-enforcement',
        name: 'Report Fraud',
        phone: '+44 300 123 2040',
        url: 'https://www.reportfraud.police.uk/',
        confirm: doubt,
      },
      {
        id: 'gb-ico',
        kind: 'data-protection',
        name: 'ICO',
        url: 'https://ico.org.uk/for-organisations/report-a-breach/',
        confirm: doubt,
      },
    ],
  };
  const body = render(p);
  const note = `**Confirm with counsel:** ${doubt}`;

  test.each([
    ['contacts', 'the contacts appendix'],
    ['communications', 'the stakeholder table'],
    ['contact-checklist', 'the emergency contact checklist'],
    ['regulatory', 'the rule that names the ICO'],
    ['playbook-ransomware', 'the ransomware playbook (its call list and the report to law enforcement)'],
    ['severity', 'the calls each incident type adds'],
  ])('in %s (%s)', (id) => {
    expect(body(id)).toContain(note);
  });

  test('only next to the authority it belongs to', () => {
    const line = body('contacts')
      .split('\n')
      .filter((l) => l.includes(note));
    expect(line.length).toBeGreaterThan(0);
    for (const l of line) expect(l).toMatch(/Report Fraud|ICO/);
  });
});

describe('the law-enforcement call and the insurer', () => {
  const when = (p: Plan) =>
    render(p)('communications')
      .split('\n')
      .find((l) => l.startsWith('| **Law enforcement**')) ?? '';

  test('a client without insurance is never told to wait for an insurer (tests/fixtures/clients/tx-dental)', () => {
    const p = readFixturePlan('tx-dental');
    expect(p.insurance).toBeUndefined();
    const body = render(p);
    for (const id of ['communications', 'contact-checklist', 'playbook-ransomware'])
      expect(body(id), id).not.toMatch(/insurer agree|and the insurer|STOP/);
    expect(when(p)).toContain('after legal counsel agrees.');
    expect(body('communications')).toMatch(
      /\| \*\*Insurer\*\* \| Skip: Bluebonnet Family Dental has no cyber insurance\./,
    );
  });

  test("a policy that requires consent for contacting law enforcement adds the carrier's STOP", () => {
    const p = readFixturePlan('consent-clinic');
    const insurance = p.insurance;
    if (!insurance) throw new Error('consent-clinic has insurance');
    expect(when(p)).not.toContain('STOP');
    insurance.consent_required_for = [...(insurance.consent_required_for ?? []), 'law-enforcement-contact'];
    expect(when(p)).toContain(`after legal counsel agrees. **STOP: get ${insurance.carrier}'s consent first.**`);
    expect(render(p)('contact-checklist')).toMatch(/Law enforcement:.*\*\*STOP: get /);
  });
});
