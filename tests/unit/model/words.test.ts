import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildModel } from '../../../src/model/model.ts';
import { loadTables } from '../../../src/model/tables.ts';
import type { Model } from '../../../src/model/model.ts';
import type { Plan } from '../../../src/plan/types.ts';
import type { Messages } from '../../../src/shared/messages.ts';
import { REPO } from '../../helpers/cli.ts';

// Every word the model writes itself comes from the client's message catalogue. A catalogue that
// answers each key with the key in brackets shows which text came from where: any English left in
// the model is a phrase still built in code.
const tables = loadTables(join(REPO, 'templates'));

/** A catalogue that writes "⟦key a=1⟧" for every key, so the model's words name their keys. */
const keys: Messages = {
  locale: 'en-US',
  entries: {},
  text: (key, vars = {}) => `⟦${[key, ...Object.entries(vars).map(([k, v]) => `${k}=${String(v)}`)].join(' ')}⟧`,
};

function plan(over: Partial<Plan> = {}): Plan {
  return {
    client: { name: 'Acme', country: 'GB', timezone: 'Europe/London', locations: [{ name: 'Dublin', country: 'IE' }] },
    plan: { version: '1.0.0', owner: 'ann', classification: 'TLP:AMBER' },
    msp: { hotline: 'soc' },
    contacts: [
      { id: 'soc', name: 'MSP SOC', groups: ['msp'], phones: [{ number: '+44 20 7946 0000' }] },
      { id: 'ann', name: 'Ann Lee', roles: ['deputy'], phones: [{ number: '+44 20 7946 0001' }] },
      {
        id: 'bob',
        name: 'Bob Ray',
        groups: ['partner'],
        phones: [{ number: '+44 20 7946 0002' }],
        notify: { severities: ['critical'] },
      },
      { id: 'eve', name: 'Eve Cole', phones: [{ number: '+44 20 7946 0004' }], notify: { severities: ['critical'] } },
      { id: 'fix', name: 'Fixit Forensics', groups: ['vendor'], phones: [{ number: '+44 20 7946 0003' }] },
    ],
    assets: [{ id: 'db', name: 'CRM', kind: 'server', criticality: 'critical', data: ['pii'], rto_hours: 1200 }],
    data_flows: [{ id: 'crm-out', data: ['pii'], from: 'db', to: 'Mailer' }],
    regulations: ['made-up'],
    ...over,
  } as Plan;
}

const opts = { slug: 'acme', audience: 'print' as const, buildDate: '2026-11-01', draft: false, messages: keys };

/** The English the model used to build in code; none of it may be left. */
const ENGLISH = [
  'incident hotline',
  'Asked to be notified',
  'Forensic firm',
  'Breach counsel',
  'No cyber insurance',
  'Insurer',
  'Notice due within',
  'claims (policy',
  'public line',
  'Confirm with legal counsel',
  'Not set by this rule',
  "listed in the plan's regulations",
  'irplan has no data',
  "the client's country",
  'the site ',
  'to operations',
  'back within',
  'holds ',
  'data flow ',
  'standing in',
  'to be named by',
  'our ',
  'The plan owner',
  'clock starts',
  ' hours',
  'Executive sponsor or',
  'or broker',
  'not recorded in this plan',
];

/**
 * The texts the model writes itself, one per line: call entries (a note only beside a reason the
 * model wrote), reasons and clock examples of rules, everything of a rule no data file knows, the
 * labels of public lines, who holds each role, what losing an asset means, the policy's clock.
 */
function written(m: Model): string {
  const calls = [...m.callTree, ...m.incidents.flatMap((i) => i.callLists.flatMap((l) => l.entries))];
  const ins = m.insurance;
  const unknown = m.regulations.filter((r) => r.id === 'made-up');
  return [
    ...calls.flatMap((e) => [e.name, e.short, e.why, e.why.startsWith('⟦') ? (e.note ?? '') : '']),
    ...m.regulations.flatMap((r) => [...r.why, r.example ?? '']),
    ...unknown.flatMap((r) => [r.authority, r.deadline, r.individuals, r.source, r.confirm ?? '']),
    ...m.authorities.flatMap((a) => a.phones.map((p) => p.label ?? '')),
    ...m.roles.map((r) => r.who),
    ...Object.values(m.person),
    ...m.assets.map((a) => a.impact),
    ...(ins ? [ins.noticeText, ins.noticeExample ?? '', ins.noticeBy] : []),
    m.plan.ownerName,
  ].join('\n');
}

/** The text without what the catalogue wrote (⟦...⟧, nested ones too): what is left came from code or data. */
function bare(text: string): string {
  let out = text;
  for (let prev = ''; prev !== out; ) {
    prev = out;
    out = out.replace(/⟦[^⟦⟧]*⟧/g, '·');
  }
  return out;
}

/** The phrases of `list` that `text` holds. */
const found = (text: string, list: string[]) => list.filter((p) => text.includes(p));

describe("the model's words", () => {
  const uninsured = written(buildModel(plan(), tables, opts));
  const insured = written(
    buildModel(
      plan({
        plan: { version: '1.0.0', owner: 'nobody', classification: 'TLP:AMBER' },
        insurance: {
          carrier: 'Harbor',
          policy_number: 'P-1',
          notice_within_hours: 72,
          broker: 'bob',
          panel: [
            { name: 'Lex LLP', service: 'breach counsel' },
            { name: 'Cobalt', service: 'forensics' },
          ],
        },
      }),
      tables,
      opts,
    ),
  );

  test('none of them is English built in code', () => {
    expect(found(bare(uninsured), ENGLISH)).toEqual([]);
    expect(found(bare(insured), ENGLISH)).toEqual([]);
  });

  test('each comes from its key in the catalogue, numbers and times written for the locale', () => {
    const uninsuredKeys = [
      'calls.msp_hotline msp=⟦calls.msp⟧',
      'calls.no_insurance⟧',
      'calls.no_insurance_note',
      'calls.insurer⟧',
      'calls.asked_to_be_notified',
      'calls.forensic⟧',
      'authorities.public_line_hours hours=',
      'regulations.counsel',
      'regulations.no_data',
      'regulations.listed',
      'rules.client_country',
      'rules.site site=Dublin',
      'rules.holds',
      'rules.data_flow flow=crm-out',
      'assets.impact criticality=critical',
      'assets.impact_back hours=1,200',
      'roles.who_standing_in',
      'roles.who_unnamed',
      'clock.example start_day=Monday start=09:00 day=Thursday time=09:00',
    ].map((k) => `⟦${k}`);
    expect(uninsuredKeys.filter((k) => !uninsured.includes(k))).toEqual([]);
    const insuredKeys = [
      'calls.counsel carrier=Harbor',
      'calls.forensic_panel carrier=Harbor',
      'calls.insurer_claims carrier=Harbor policy=P-1',
      'calls.notice_due notice=⟦format.days_hours days=3 hours=72⟧',
      'insurance.notice_by_broker',
      'plan.owner',
    ].map((k) => `⟦${k}`);
    expect(insuredKeys.filter((k) => !insured.includes(k))).toEqual([]);
  });
});
