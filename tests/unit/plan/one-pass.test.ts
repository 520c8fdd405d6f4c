import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { readClients } from '../../../src/plan/read.ts';
import { sortErrors } from '../../../src/shared/errors.ts';
import { tempDir } from '../../helpers/cli.ts';

// Issue 20: one `irplan validate` reports every problem. References, phones and the time zone are
// checked on whatever can be read, schema errors or not, without repeating what the schema said.

/** Writes files (path -> text) into a fresh project and returns the errors of reading all clients. */
function errorsOf(files: Record<string, string>): string[] {
  const root = tempDir('irplan-one-pass-');
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(join(root, rel, '..'), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  const { errors } = readClients(join(root, 'plans'), []);
  return sortErrors(errors).map(
    (e) => `${e.position?.file.split('/').pop()}:${e.position?.line}:${e.position?.col} ${e.code}`,
  );
}

const PLAN = (lines: string[]) => `${lines.join('\n')}\n`;
const BASE = [
  'client: { name: Acme, timezone: America/Chicago }',
  'plan: { version: "1.0.0", owner: ann, classification: TLP:AMBER }',
  'contacts:',
  '  - { id: ann, name: Ann, phones: [{ number: "+1 217 555 0181" }] }',
];

describe('one pass', () => {
  test('a schema error does not hide an unknown reference, a bad phone or an unknown zone', () => {
    const errors = errorsOf({
      'plans/acme/plan.yaml': PLAN([
        'client: { name: Acme, timezone: America/Chicagoo }',
        'plan: { version: 1.0, owner: anne, classification: TLP:AMBER }',
        'contacts:',
        '  - { id: ann, name: Ann, phones: [{ number: "+1 217 555" }] }',
      ]),
    });
    expect(errors).toEqual([
      'plan.yaml:1:33 IRP_TIMEZONE',
      'plan.yaml:2:18 IRP_TYPE',
      'plan.yaml:2:30 IRP_UNKNOWN_REF',
      'plan.yaml:4:46 IRP_PHONE',
    ]);
  });

  test('a value the schema refuses is reported once, not again by the checks after it', () => {
    // An id of the wrong form fails its pattern; the duplicate check at the same place stays silent.
    const errors = errorsOf({
      'plans/acme/plan.yaml': PLAN([
        ...BASE,
        '  - { id: Ann Lee, name: A, phones: [{ number: "+1 217 555 0182" }] }',
        '  - { id: Ann Lee, name: B, phones: [{ number: "+1 217 555 0183" }] }',
      ]),
    });
    expect(errors).toEqual(['plan.yaml:5:11 IRP_PATTERN', 'plan.yaml:6:11 IRP_PATTERN']);
  });

  test('a misspelled section is one error, not one unknown reference per use of it', () => {
    const errors = errorsOf({
      'plans/defaults.yaml': 'contacts:\n  - { id: soc, name: SOC, phones: [{ number: "+1 217 555 0170" }] }\n',
      'plans/acme/plan.yaml': PLAN([
        ...BASE.slice(0, 2),
        'contacs:',
        BASE[3] ?? '',
        'insurance: { carrier: H, policy_number: "1", broker: ann }',
      ]),
    });
    expect(errors).toEqual(['plan.yaml:3:1 IRP_UNKNOWN_KEY']);
  });

  test("broken defaults do not hide a client's own problems, and are reported once", () => {
    const errors = errorsOf({
      'plans/defaults.yaml': 'msp: { name: Bluefin, colour: "#123456" }\n',
      'plans/acme/plan.yaml': PLAN([
        ...BASE.slice(0, 1),
        'plan: { version: "1.0.0", owner: anne, classification: TLP:AMBER }',
        ...BASE.slice(2),
      ]),
      'plans/beta/plan.yaml': PLAN(BASE),
    });
    expect(errors).toEqual(['plan.yaml:2:34 IRP_UNKNOWN_REF', 'defaults.yaml:1:23 IRP_UNKNOWN_KEY']);
  });
});
