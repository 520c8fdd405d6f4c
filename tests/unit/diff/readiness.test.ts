import { describe, expect, test } from 'vitest';
import { diffPlans } from '../../../src/diff/diff.ts';
import { readClients } from '../../../src/plan/read.ts';
import type { Plan } from '../../../src/plan/types.ts';
import { examplePlans } from '../../helpers/project.ts';

function northwind(): Plan {
  const read = readClients(examplePlans(), ['northwind-logistics']);
  if (!read.clients[0]) throw new Error(read.errors.map((e) => e.message).join('\n'));
  return read.clients[0].plan;
}

const texts = (before: Plan, after: Plan) => diffPlans(before, after).map((c) => `${c.area}: ${c.text}`);

describe('changes a reviewer must see beyond contacts and assets', () => {
  test('a break-glass holder and the jump kit keeper are named, not given by id', () => {
    const before = northwind();
    const after = structuredClone(before);
    const glass = after.preparation?.break_glass?.[0];
    if (!glass || !after.preparation?.jump_kit) throw new Error('example changed');
    glass.holders = ['maria-lopez'];
    after.preparation.jump_kit.keeper = 'maria-lopez';
    const said = texts(before, after).join('\n');
    expect(said).toContain('preparation: ');
    expect(said).toContain('Dev Patel');
    expect(said).toContain('Maria Lopez');
    expect(said).toContain('system Domain controller DC01');
    expect(said).not.toContain('dev-patel');
  });

  test('an alert source whose watcher changes, and one removed', () => {
    const before = northwind();
    const after = structuredClone(before);
    const [edr, ...rest] = after.monitoring ?? [];
    if (!edr || rest.length === 0) throw new Error('example changed');
    edr.hours = 'business hours';
    after.monitoring = [edr];
    const said = texts(before, after);
    expect(said).toContain('monitoring: Microsoft Defender for Endpoint (EDR): hours 24x7 → business hours');
    expect(said.some((t) => t.startsWith('monitoring: Alert source removed: Bluefin SIEM'))).toBe(true);
  });

  test('a spending limit, an own rule and an exclusion with its reason', () => {
    const before = northwind();
    const after = structuredClone(before);
    const limit = after.governance?.spending_authority?.[0];
    if (!limit) throw new Error('example changed');
    limit.up_to = 25000;
    after.regulation_exclusions = [{ id: 'pci-dss', reason: 'No card data since the move to a hosted checkout.' }];
    after.jurisdiction = {
      rules: [
        {
          id: 'contract-notice',
          label: 'Carrier contract notice',
          deadline: 'Within 48 hours.',
          source: 'Carrier contract, clause 9',
        },
      ],
    };
    const said = texts(before, after).join('\n');
    expect(said).toMatch(/^governance: Governance: spending authority .*10,?000.*→.*25,?000/m);
    expect(said).toContain('regulations: Regulation added: exclusion of pci-dss');
    expect(said).toContain('jurisdiction: Rule added: Carrier contract notice');
  });
});
