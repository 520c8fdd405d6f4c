import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Plan } from '../../src/plan/types.ts';
import { REPO } from './bin.ts';

/**
 * The plan of a test client in tests/fixtures/clients/<slug>/, read for unit tests of the model
 * and the templates, with an MSP security desk holding the liaison role added, as defaults.yaml
 * adds one to every client in a real project.
 */
export function readFixturePlan(slug: string): Plan {
  const plan = parse(readFileSync(join(REPO, 'tests', 'fixtures', 'clients', slug, 'plan.yaml'), 'utf8')) as Plan;
  plan.msp = { name: 'Test MSP', hotline: 'msp-soc' };
  plan.contacts.push({
    id: 'msp-soc',
    name: 'Test MSP security desk',
    organization: 'Test MSP',
    groups: ['msp'],
    roles: ['liaison'],
    phones: [{ number: '+1 888 555 0170', label: '24x7', out_of_band: true }],
  });
  return plan;
}
