import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { localToday } from '../../src/shared/dates.ts';
import { irplan, tempDir } from '../helpers/cli.ts';

// Issue 20: `irplan new` is a user action on a day, so the plan it writes starts today, is reviewed
// today and its first contact is confirmed today (builds still never read the clock).
test('a scaffolded plan carries the date it was created wherever it has a date', () => {
  const project = tempDir('irplan-new-today-');
  const before = localToday();
  const made = irplan(['new', 'acme'], { cwd: project });
  const after = localToday();
  expect(made.code, made.stderr).toBe(0);
  const text = readFileSync(join(project, 'plans', 'acme', 'plan.yaml'), 'utf8');
  const dates = [...text.matchAll(/^[^#\n]*?\b(effective|last|verified): (\S+?)[,\s]/gm)].map((m) => `${m[1]} ${m[2]}`);
  // The test may straddle midnight: the day before or after the command, not a mix.
  const expected = (day: string) => [`effective ${day}`, `last ${day}`, `verified ${day}`];
  expect([expected(before), expected(after)]).toContainEqual(dates);
  expect(text).not.toContain('__TODAY__');
});
