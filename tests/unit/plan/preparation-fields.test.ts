import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { readClients } from '../../../src/plan/read.ts';
import { REPO, tempDir } from '../../helpers/cli.ts';

// The plan's issue-22 fields (monitoring:, governance:, preparation:, assets' log_retention and
// immutable) validate against the schema, and every contact or asset they name is checked: a
// misspelled id is an error at its line and column, like any other reference.
const SLUG = 'prepared-firm';

/** The fixture in a fresh plans/ folder, changed by `edit`; returns the errors as "line:col CODE message". */
function errorsAfter(edit: (text: string) => string): string[] {
  const plans = join(tempDir('irplan-prep-'), 'plans');
  cpSync(join(REPO, 'tests', 'fixtures', 'clients', SLUG), join(plans, SLUG), { recursive: true });
  const file = join(plans, SLUG, 'plan.yaml');
  const before = readFileSync(file, 'utf8');
  const after = edit(before);
  if (after === before) throw new Error('the edit changed nothing');
  writeFileSync(file, after);
  return readClients(plans, [SLUG]).errors.map((e) => `${e.position?.line}:${e.position?.col} ${e.code} ${e.message}`);
}

describe('monitoring, governance and preparation in the plan', () => {
  test('the fixture validates as written', () => {
    const plans = join(tempDir('irplan-prep-'), 'plans');
    cpSync(join(REPO, 'tests', 'fixtures', 'clients', SLUG), join(plans, SLUG), { recursive: true });
    const read = readClients(plans, [SLUG]);
    expect(read.errors).toEqual([]);
    expect(read.clients[0]?.plan.monitoring?.[0]?.watches).toEqual(['dc', 'files']);
  });

  test('an unknown monitoring owner or watched asset is an error at the id', () => {
    const errors = errorsAfter((t) =>
      t
        .replace('    owner: kai-lund\n    hours: 24x7', '    owner: kai-lundd\n    hours: 24x7')
        .replace('watches: [dc, files]', 'watches: [dc, file]'),
    );
    expect(errors).toEqual([
      expect.stringMatching(
        /^\d+:12 IRP_UNKNOWN_REF monitoring\[0\]\.owner names the contact "kai-lundd", which does not exist$/,
      ),
      expect.stringMatching(
        /^\d+:19 IRP_UNKNOWN_REF monitoring\[0\]\.watches\[1\] names the asset "file", which does not exist$/,
      ),
    ]);
  });

  test("break-glass holders and system, and the jump kit's keeper, are checked too", () => {
    const errors = errorsAfter((t) =>
      t
        .replace('holders: [ivy-chen, kai-lund] }', 'holders: [ivy-chen, kai-lun] }')
        .replace('system: dc,', 'system: dc1,')
        .replace('keeper: kai-lund }', 'keeper: kia-lund }'),
    );
    expect(errors.map((e) => e.replace(/^\d+:\d+ /, ''))).toEqual([
      'IRP_UNKNOWN_REF preparation.jump_kit.keeper names the contact "kia-lund", which does not exist',
      'IRP_UNKNOWN_REF preparation.break_glass[0].holders[1] names the contact "kai-lun", which does not exist',
      'IRP_UNKNOWN_REF preparation.break_glass[1].system names the asset "dc1", which does not exist',
    ]);
  });

  test('the schema refuses hours left out, a spending limit without a currency and an unknown role', () => {
    const errors = errorsAfter((t) =>
      t
        .replace('{ role: technical-lead, up_to: 2500, currency: USD }', '{ role: tech-lead, up_to: 2500 }')
        .replace('    hours: Mon-Fri 8:00-17:00\n', ''),
    );
    expect(errors.map((e) => e.replace(/^\d+:\d+ /, ''))).toEqual([
      'IRP_REQUIRED monitoring[1] is missing the required field `hours`',
      'IRP_REQUIRED governance.spending_authority[0] is missing the required field `currency`',
      'IRP_ENUM governance.spending_authority[0].role is "tech-lead", which is not one of the allowed values',
    ]);
  });
});
