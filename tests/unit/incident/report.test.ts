import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { stepsLeft } from '../../../src/incident/left.ts';
import { buildReport } from '../../../src/incident/report.ts';
import type { MergedEntry, MergedLog } from '../../../src/incident/types.ts';
import type { Model } from '../../../src/model/index.ts';
import { loadMessages } from '../../../src/shared/index.ts';
import { REPO } from '../../helpers/cli.ts';

// The after-action report's facts: deadlines counted from discovery and judged from the ticks,
// the steps still ticked at the end, costs per currency, the picture's scale, the steps not done.

const messages = loadMessages(join(REPO, 'templates'), 'en-US');
const HOUR = 3_600_000;

/** The part of a client's model the report reads: zone, insurer, rules, labels. */
function model(over: Partial<Record<string, unknown>> = {}): Model {
  return {
    client: { locale: 'en-US', timezone: 'America/Los_Angeles' },
    insurance: {
      carrier: 'Harborline Mutual',
      noticeHours: 48,
      noticeText: '2 days (48 hours)',
      hotlineCountsAsNotice: false,
    },
    regulations: [
      {
        label: 'Oregon breach law',
        authorityName: 'Oregon Department of Justice',
        deadlineHours: 72,
        deadlineText: '3 days (72 hours)',
        deadline: '',
        clock: 'When the breach is discovered',
        trigger: null,
      },
      {
        label: 'PCI DSS (card data)',
        authorityName: null,
        deadlineHours: null,
        deadlineText: null,
        deadline: 'At once on suspicion.',
        clock: null,
        trigger: null,
      },
      {
        label: 'Ransom payment report',
        authorityName: 'Treasury',
        deadlineHours: 24,
        deadlineText: '24 hours',
        deadline: '',
        clock: null,
        trigger: 'ransom-payment',
      },
    ],
    incidents: [{ id: 'ransomware', label: 'Ransomware and extortion' }],
    severities: [
      { id: 'critical', label: 'Critical' },
      { id: 'high', label: 'High' },
    ],
    consentActions: [{ id: 'engaging-vendors', label: 'engaging outside responders' }],
    ...over,
  } as unknown as Model;
}

const DISCOVERED = '2026-11-30T02:15:00-08:00';
const at = (hours: number) => new Date(Date.parse(DISCOVERED) + hours * HOUR).toISOString();
let seq = 0;
const entry = (hours: number, by: string, kind: MergedEntry['kind'], more: Partial<MergedEntry> = {}): MergedEntry => ({
  device: '3fa9c2d1',
  seq: ++seq,
  time: at(hours),
  by,
  kind,
  prev: '0'.repeat(64),
  hash: '0'.repeat(64),
  ...more,
});

function log(entries: MergedEntry[]): MergedLog {
  return {
    format: 'irplan-incident-log/1',
    client: 'northwind-logistics',
    incident: { id: '20261130-0215-ransomware', discovered: DISCOVERED, type: 'ransomware', severity: 'high' },
    time_zone: 'America/Los_Angeles',
    plan_versions: ['2.1.0'],
    devices: [{ device: '3fa9c2d1', file: 'a.json', entries: entries.length }],
    entries,
  };
}

const insurerRow = { step: 'contact-checklist:aaaaaaaaaaaa', text: 'Insurer: Harborline Mutual claims, policy CYB-1' };
const oregonRow = { step: 'contact-checklist:bbbbbbbbbbbb', text: 'Regulators: Oregon Department of Justice' };
const report = (entries: MergedEntry[], over = {}) =>
  buildReport(log(entries), model(over), messages, new Map([['contact-checklist', 'Emergency contact checklist']]));

describe('deadlines', () => {
  test("met by the contact checklist's row of the carrier; missed when a rule is never ticked and the log runs past it", () => {
    const r = report([
      entry(0.1, 'Dana', 'start'),
      // A playbook step that says to tell the carrier is not the notice.
      entry(1, 'Dev', 'step', {
        step: 'playbook-ransomware:cccccccccccc',
        text: 'Isolate hosts; tell Harborline Mutual.',
      }),
      entry(5, 'Dana', 'step', insurerRow),
      entry(80, 'Dev', 'note', { text: 'later' }),
    ]);
    const byName = Object.fromEntries(r.deadlines.map((d) => [d.name, d]));
    expect(byName['Insurer notice']).toMatchObject({ status: 'met', due: 'Wed, Dec 2, 02:15' });
    expect(byName['Insurer notice']?.result).toBe(
      'Insurer: Harborline Mutual claims, policy CYB-1: ticked Mon, Nov 30, 07:15 by Dana, 1 d 19 h before the deadline.',
    );
    expect(byName['Oregon breach law']).toMatchObject({
      status: 'missed',
      result: 'No step recorded it; the log runs on to Thu, Dec 3, 10:15.',
    });
    expect(byName['PCI DSS (card data)']).toMatchObject({ status: 'untimed', due: '' });
    // A duty only a ransom payment brings is not counted.
    expect(byName['Ransom payment report']).toBeUndefined();
    expect(byName['After-action review']).toMatchObject({ status: 'open' });
  });

  test('a tick after the deadline is missed, with how late; the authority named in the row counts for its rule', () => {
    const r = report([entry(50, 'Dana', 'step', insurerRow), entry(60, 'Dev', 'step', oregonRow)]);
    const [insurer, oregon] = r.deadlines;
    expect(insurer).toMatchObject({ status: 'missed', result: expect.stringContaining('2 h late') });
    expect(oregon).toMatchObject({ status: 'met' });
  });

  test('counted in the client zone across a change of summer time', () => {
    const r = buildReport(
      {
        ...log([entry(1, 'Dana', 'start')]),
        incident: { ...log([]).incident, discovered: '2026-10-31T10:00:00-07:00' },
      },
      model(),
      messages,
      new Map(),
    );
    // 48 hours after 10:00 PDT on Oct 31 is 09:00 PST on Nov 2 (the clocks went back on Nov 1).
    expect(r.deadlines[0]?.due).toBe('Mon, Nov 2, 09:00');
  });

  test('no insurance, no insurer deadline', () => {
    expect(report([entry(1, 'Dana', 'start')], { insurance: null }).deadlines.map((d) => d.name)).not.toContain(
      'Insurer notice',
    );
  });
});

describe('the log in the report', () => {
  const entries = () => [
    entry(0.1, 'Dana', 'start'),
    entry(0.5, 'Dana', 'step', { step: 'playbook-ransomware:111111111111', text: 'Isolate hosts.' }),
    entry(0.6, 'Dev', 'step', { step: 'playbook-ransomware:222222222222', text: 'Block the firewall.' }),
    entry(0.7, 'Dev', 'untick', { step: 'playbook-ransomware:222222222222', text: 'Block the firewall.' }),
    entry(1, 'Dev', 'cost', { amount: 1250.5, currency: 'USD', text: 'Switch' }),
    entry(2, 'Dev', 'cost', { amount: 99.5, currency: 'USD', text: 'Cables' }),
    entry(3, 'Dana', 'cost', { amount: 300, currency: 'EUR', text: 'Storage' }),
    entry(4, 'Dana', 'consent', { insurer_contact: 'J. Whitfield', scope: 'engaging-vendors', text: 'By phone' }),
    entry(5, 'Dana', 'severity', { severity: 'critical' }),
  ];

  test('steps ticked at the end, totals per currency, consent by its label, severity changes', () => {
    const r = report(entries());
    expect(r.ticked.map((t) => t.text)).toEqual(['Isolate hosts.']);
    expect(r.totals).toEqual(['Total in EUR: €300.00', 'Total in USD: $1,350.00']);
    expect(r.consents[0]).toMatchObject({ contact: 'J. Whitfield', scope: 'engaging outside responders' });
    expect(r.facts.find((f) => f.label === 'Severity')?.value).toBe('High → Critical');
    expect(r.timeline[3]).toEqual({
      time: 'Mon, Nov 30, 02:57',
      by: 'Dev',
      what: 'Unticked: Block the firewall. (playbook-ransomware)',
    });
    expect(r.people.map((p) => p.by)).toEqual(['Dana', 'Dev']);
    expect(r.questions[0]?.answer).toBe('Discovery was entered as Mon, Nov 30, 02:15.');
  });

  test('the picture keeps events readable: a deadline far beyond the log is named, not drawn to scale', () => {
    const r = report(entries());
    const { chart } = r;
    expect(chart.lanes).toEqual(['Dana', 'Dev']);
    for (const m of chart.marks) expect(m.x > 0 && m.x < 1).toBe(true);
    expect(chart.deadlines).toEqual([]);
    expect(chart.later.map((l) => l.name)).toEqual(['Insurer notice', 'Oregon breach law', 'After-action review']);
    const longer = report([...entries(), entry(30, 'Dana', 'note', { text: 'still at it' })]).chart;
    expect(longer.deadlines.map((d) => d.name)).toEqual(['Insurer notice', 'Oregon breach law']);
    expect(longer.ticks.length).toBeLessThanOrEqual(9);
  });

  test('steps not done: the playbook and every document with a tick; containment from its phase', () => {
    const r = report(entries());
    const steps = [
      {
        id: 'playbook-ransomware:111111111111',
        doc: 'playbook-ransomware',
        text: 'Isolate hosts.',
        phase: '3. Contain: stop it.',
      },
      {
        id: 'playbook-ransomware:222222222222',
        doc: 'playbook-ransomware',
        text: 'Block the firewall.',
        phase: '3. Contain: stop it.',
      },
      { id: 'playbook-ransomware:333333333333', doc: 'playbook-ransomware', text: 'Restore.', phase: '5. Recover' },
      { id: 'triage:444444444444', doc: 'triage', text: 'Triage.', phase: 'Step' },
    ];
    const { left, contained } = stepsLeft(steps, r, 'Contain');
    expect(left.map((d) => [d.doc, d.steps.map((s) => s.text)])).toEqual([
      ['playbook-ransomware', ['Block the firewall.', 'Restore.']],
    ]);
    expect(contained.map((c) => c.text)).toEqual(['Isolate hosts.']);
  });
});
