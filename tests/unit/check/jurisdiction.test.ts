import { describe, expect, test } from 'vitest';
import { checkJurisdiction } from '../../../src/check/jurisdiction.ts';
import type { Plan } from '../../../src/plan/index.ts';

function plan(client: Plan['client'], more: Partial<Plan> = {}): Plan {
  return {
    client,
    plan: { version: '1.0.0', owner: 'a', classification: 'TLP:AMBER' },
    contacts: [],
    assets: [{ id: 'db', name: 'Client files', kind: 'server', criticality: 'high', data: ['pii'] }],
    ...more,
  } as Plan;
}

const codes = (p: Plan) => checkJurisdiction(p).map((w) => `${w.code} ${w.path}`);

describe('checkJurisdiction', () => {
  test('a client in a state with its region and matching rules has no warning', () => {
    expect(codes(plan({ name: 'C', country: 'US', region: 'US-TX' }))).toEqual([]);
  });

  test('no country, and a US client without a region, are warned about at the client', () => {
    expect(codes(plan({ name: 'C' }))).toEqual(['IRP_NO_COUNTRY client']);
    expect(codes(plan({ name: 'C', country: 'US' }))).toEqual(['IRP_NO_REGION client']);
  });

  test('gdpr on a GB client points to uk-gdpr; hipaa without health data; an unknown id with a suggestion', () => {
    const p = plan({ name: 'C', country: 'GB' }, { regulations: ['gdpr', 'hipaa', 'hipa'] });
    const warnings = checkJurisdiction(p);
    expect(warnings.map((w) => `${w.code} ${w.path}`)).toEqual([
      'IRP_GDPR_IN_GB regulations/0',
      'IRP_RULE_WITHOUT_DATA regulations/1',
      'IRP_RULE_UNKNOWN regulations/2',
    ]);
    expect(warnings[2]?.message).toContain('did you mean hipaa?');
  });

  test('an exclusion of a rule nobody defines is reported', () => {
    const p = plan({ name: 'C', country: 'GB' }, { regulation_exclusions: [{ id: 'uk-gdprr', reason: 'x' }] });
    expect(codes(p)).toEqual(['IRP_EXCLUSION_UNUSED regulation_exclusions/0/id']);
  });

  test('an international number that is no valid number of its country is reported at the number', () => {
    const contacts = [{ id: 'a', name: 'Ann', phones: [{ number: '+44 7700 900101' }] }];
    expect(codes(plan({ name: 'C', country: 'GB' }, { contacts } as Partial<Plan>))).toEqual([
      'IRP_PHONE_COUNTRY contacts/0/phones/0/number',
    ]);
  });
});
