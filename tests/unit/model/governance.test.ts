import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildModel } from '../../../src/model/model.ts';
import { loadTables } from '../../../src/model/tables.ts';
import type { Plan } from '../../../src/plan/types.ts';
import { REPO } from '../../helpers/bin.ts';
import { readFixturePlan } from '../../helpers/fixture-plan.ts';

// Govern (issue 22): who may declare an incident, who may spend how much, when it is over and who
// does what in each phase, read from the roles' holders and templates/data/ (declaring.yaml,
// raci.yaml); amounts only from the plan, written for the client's locale.
const tables = loadTables(join(REPO, 'templates'));
const opts = { slug: 'x', audience: 'print' as const, buildDate: '2026-11-01', draft: false };
const governance = (p: Plan) => buildModel(p, tables, opts).governance;

describe('the responsibility chart (raci.yaml)', () => {
  test('every phase has exactly one accountable role, and names only roles that exist', () => {
    const roles = tables.roles.map((r) => r.id);
    for (const phase of tables.raci) {
      expect(phase.accountable, phase.id).toHaveLength(1);
      const named = [...phase.accountable, ...phase.responsible, ...phase.consulted, ...phase.informed];
      expect(
        named.filter((r) => !roles.includes(r)),
        phase.id,
      ).toEqual([]);
    }
  });

  test("gives each role's holder a letter per phase, in the table's order", () => {
    const g = governance(readFixturePlan('prepared-firm'));
    expect(g.phases.map((p) => p.label)).toEqual([
      'Prepare',
      'Detect',
      'Contain',
      'Eradicate',
      'Recover',
      'Post-incident',
    ]);
    const row = (who: string) => g.raci.find((r) => r.who === who)?.letters;
    expect(row('Incident commander (Ivy Chen)')).toEqual(['R', 'A', 'A', 'A', 'A', 'A']);
    expect(row('Executive sponsor (Ivy Chen)')?.[0]).toBe('A');
    expect(row('Communications lead (Omar Reyes)')?.[1]).toBe('');
    expect(g.raci).toHaveLength(tables.roles.length);
  });

  test('a role in two letters of a phase shows both', () => {
    const p = readFixturePlan('prepared-firm');
    const t = {
      ...tables,
      raci: tables.raci.map((r, i) => (i === 0 ? { ...r, responsible: [...r.responsible, 'executive-sponsor'] } : r)),
    };
    const g = buildModel(p, t, opts).governance;
    expect(g.raci.find((r) => r.role === 'Executive sponsor')?.letters[0]).toBe('A/R');
  });
});

describe('who may declare (declaring.yaml)', () => {
  test('each severity lists its roles with their holders, a person who holds two of them once', () => {
    const g = governance(readFixturePlan('prepared-firm'));
    const critical = g.declare.find((d) => d.severity === 'critical');
    // Ivy Chen is incident commander and executive sponsor: called once, as commander.
    expect(critical?.who).toEqual(['Incident commander (Ivy Chen)', 'Deputy incident commander (Omar Reyes)']);
    expect(critical?.respondWithin).toBe('15 minutes');
    expect(g.declare.find((d) => d.severity === 'low')?.who).toEqual([
      'Incident commander (Ivy Chen)',
      'Deputy incident commander (Omar Reyes)',
      'Technical lead (Kai Lund)',
      'Liaison (Test MSP security desk)',
    ]);
  });
});

describe('spending authority', () => {
  test("prints the plan's limits in its currency, for the client's locale", () => {
    const g = governance(readFixturePlan('prepared-firm'));
    expect(g.spending.map((s) => `${s.who}: ${s.amount}`)).toEqual([
      'Technical lead (Kai Lund): $2,500',
      'Incident commander (Ivy Chen): $50,000',
    ]);
    expect(g.spending[1]?.notes).toBe("with a second partner's signature above 20,000");
    const p = readFixturePlan('prepared-firm');
    p.client.locale = 'de-DE';
    p.governance = { spending_authority: [{ role: 'executive-sponsor', up_to: 12500.5, currency: 'EUR' }] };
    expect(governance(p).spending[0]?.amount).toBe('12.500,50\u00a0€');
  });

  test('without limits in the plan there are none: no amount is ever assumed', () => {
    const p = readFixturePlan('prepared-firm');
    delete p.governance;
    const g = governance(p);
    expect(g.spending).toEqual([]);
    expect(g.scope).toEqual([]);
    expect(g.closure).toEqual([]);
  });
});

describe('scope and closure', () => {
  test("read the client's sites, hosted services, data and owners, and the plan's own lines", () => {
    const g = governance(readFixturePlan('prepared-firm'));
    expect(g.sites).toEqual(['Main office', 'Records room']);
    expect(g.hosted).toEqual(['Microsoft 365 mail']);
    expect(g.data).toEqual(['credentials', 'personal data', 'financial data']);
    expect(g.owners).toEqual(['Kai Lund', 'Ivy Chen', 'Omar Reyes']);
    expect(g.scope[0]).toMatch(/paper client files/);
    expect(g.closure[0]).toMatch(/board of accountancy/);
  });
});
