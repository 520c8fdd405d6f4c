import { describe, expect, test } from 'vitest';
import { deriveRules, heldData } from '../../../src/model/rules.ts';
import type { Jurisdiction, Plan } from '../../../src/plan/index.ts';
import { englishMessages } from '../../../src/render/messages.ts';

// Derivation on a made-up set of jurisdictions, so the tests pin the logic, not irplan's legal data.

const rule = (id: string, extra: object = {}) => ({
  id,
  label: id.toUpperCase(),
  deadline: 'soon',
  source: 's',
  ...extra,
});

const JURISDICTIONS: Jurisdiction[] = [
  {
    country: '*',
    name: 'Anywhere',
    file: 'any.yaml',
    rules: [rule('cards', { applies_when: { data: ['payment-card'] } })],
  },
  {
    country: 'EU',
    name: 'European Union',
    file: 'eu.yaml',
    rules: [rule('gdpr', { applies_when: { data: ['pii'] } })],
  },
  { country: 'DE', name: 'Germany', file: 'de.yaml', includes: ['eu'] },
  {
    country: 'US',
    name: 'United States',
    file: 'us.yaml',
    rules: [
      rule('health', { applies_when: { data: ['phi'] } }),
      rule('listed-co', { applies_when: { opt_in: true } }),
      rule('fin', { applies_when: { data: ['pii'], industries: ['lending'] } }),
      rule('any-state', { applies_when: { data: ['pii'], without_region: true } }),
    ],
    regions: [
      { code: 'US-TX', name: 'Texas', rules: [rule('tx', { applies_when: { data: ['pii'] } })] },
      { code: 'US-WA', name: 'Washington', rules: [rule('wa', { applies_when: { data: ['pii'] } })] },
    ],
  },
];

function plan(client: Plan['client'], more: Partial<Plan> = {}): Plan {
  return {
    client,
    plan: { version: '1.0.0', owner: 'a', classification: 'TLP:AMBER' },
    contacts: [],
    assets: [{ id: 'db', name: 'Patient DB', kind: 'server', criticality: 'high', data: ['pii', 'phi'] }],
    ...more,
  } as Plan;
}

/** irplan's English, for the reasons printed with each rule. */
const say = englishMessages().text;

function ids(p: Plan): string[] {
  return deriveRules(JURISDICTIONS, p, heldData(p, say), (k) => k, say)
    .applied.map((a) => a.rule.id)
    .sort();
}

describe('deriveRules', () => {
  test('a US client in a state gets the federal rules its data meets and its state rule, not the fallback', () => {
    expect(ids(plan({ name: 'C', country: 'US', region: 'US-TX' }))).toEqual(['health', 'tx']);
  });

  test('without a region the country-wide fallback applies instead of any state rule', () => {
    expect(ids(plan({ name: 'C', country: 'US' }))).toEqual(['any-state', 'health']);
  });

  test('a site in another state binds the client to that state too', () => {
    const p = plan({ name: 'C', country: 'US', region: 'US-TX', locations: [{ name: 'Depot', region: 'US-WA' }] });
    expect(ids(p)).toEqual(['health', 'tx', 'wa']);
  });

  test('an EU member gets the union rules it includes; rules of other countries never apply', () => {
    expect(ids(plan({ name: 'C', country: 'DE' }))).toEqual(['gdpr']);
  });

  test('an opt-in rule applies only when listed; an industry rule only for that industry', () => {
    expect(ids(plan({ name: 'C', country: 'US', region: 'US-TX' }, { regulations: ['listed-co'] }))).toContain(
      'listed-co',
    );
    expect(ids(plan({ name: 'C', country: 'US', region: 'US-TX', industry: 'Consumer lending' }))).toContain('fin');
  });

  test('an exclusion removes a derived rule and keeps its reason; unknown listed ids are reported', () => {
    const p = plan(
      { name: 'C', country: 'US', region: 'US-TX' },
      { regulation_exclusions: [{ id: 'health', reason: 'not a covered entity' }], regulations: ['nope'] },
    );
    const d = deriveRules(JURISDICTIONS, p, heldData(p, say), (k) => k, say);
    expect(d.applied.map((a) => a.rule.id)).toEqual(['tx']);
    expect(d.excluded).toEqual([expect.objectContaining({ reason: 'not a covered entity' })]);
    expect(d.unknown).toEqual(['nope']);
  });

  test('each applied rule says why: the place and the data with the assets that hold it', () => {
    const p = plan({ name: 'C', country: 'US', region: 'US-TX' });
    const tx = deriveRules(JURISDICTIONS, p, heldData(p, say), (k) => k, say).applied.find((a) => a.rule.id === 'tx');
    expect(tx?.why).toEqual(["Texas (US-TX): the client's state or province", 'holds pii (Patient DB)']);
  });

  test('card data brings the rule that applies anywhere', () => {
    const p = plan({ name: 'C', country: 'DE' }, {
      assets: [{ id: 'pos', name: 'Till', kind: 'workstation', criticality: 'high', data: ['payment-card'] }],
    } as Partial<Plan>);
    expect(ids(p)).toEqual(['cards']);
  });
});
