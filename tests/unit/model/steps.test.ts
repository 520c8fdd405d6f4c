import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildStepKinds, mentions } from '../../../src/model/steps.ts';
import { loadTables } from '../../../src/model/tables.ts';
import { UserError } from '../../../src/shared/errors.ts';
import { REPO } from '../../helpers/bin.ts';
import { readFixturePlan } from '../../helpers/fixture-plan.ts';

// A kind of step of an unknown class is refused: read either way it would be wrong (containment
// held back, or a consent the policy requires skipped).
const tables = loadTables(join(REPO, 'templates'));

describe('buildStepKinds', () => {
  test('a kind whose class is neither containment nor consent is a table error', () => {
    const broken = { ...tables, stepKinds: [{ id: 'x', class: 'containmnet', label: 'x', consent: [], words: [] }] };
    expect(() => buildStepKinds(readFixturePlan('consent-clinic'), broken)).toThrow(UserError);
    expect(() => buildStepKinds(readFixturePlan('consent-clinic'), broken)).toThrow(/`class` of x must be/);
  });

  test('a client without insurance has no stipulations beside any step', () => {
    const plan = readFixturePlan('consent-clinic');
    delete plan.insurance;
    expect(buildStepKinds(plan, tables).every((k) => k.stipulations.length === 0)).toBe(true);
  });

  test('mentions ignores case and finds stems inside words', () => {
    expect(mentions('Systems are not REBUILT first', ['rebuil'])).toBe(true);
    expect(mentions('Keep evidence', ['rebuil', 'wipe'])).toBe(false);
  });
});
