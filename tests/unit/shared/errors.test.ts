import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { formatUserError, oneLine, preview, sortErrors, UserError } from '../../../src/shared/errors.ts';
import { readClients } from '../../../src/plan/read.ts';
import { tempDir } from '../../helpers/cli.ts';

describe('formatUserError', () => {
  test('prints file:line:col relative to the working folder, the code, the message and the hint', () => {
    const e = new UserError('IRP_TYPE', 'plan.version must be a string', {
      position: { file: '/repo/plans/a/plan.yaml', line: 6, col: 12 },
      hint: 'quote it: "1.0"',
    });
    expect(formatUserError(e, '/repo')).toBe(
      'plans/a/plan.yaml:6:12 error IRP_TYPE plan.version must be a string\n  hint: quote it: "1.0"',
    );
  });

  test('keeps the message and the hint on one line each, with control characters made visible', () => {
    const e = new UserError('IRP_X', 'a\nb\u202ec\u0007', { hint: 'x\r\ny' });
    expect(formatUserError(e)).toBe('error IRP_X a b\\u202ec\\u0007\n  hint: x y');
  });
});

describe('oneLine and preview', () => {
  test('oneLine caps long text', () => {
    expect(oneLine('x'.repeat(400))).toHaveLength(301);
  });

  test('preview keeps only the first line of a value and cuts it short', () => {
    expect(preview('1.0.0\n+1 217 555 0199 secret')).toBe('1.0.0…');
    expect(preview('x'.repeat(100))).toBe(`${'x'.repeat(60)}…`);
    expect(preview(['a', 'b'])).toBe('a list');
    expect(preview({ name: 'secret' })).toBe('a mapping');
    expect(preview('trailing newline only\n')).toBe('trailing newline only');
  });
});

describe('sortErrors', () => {
  test('orders by file, line and column; errors without a position come last', () => {
    const at = (file: string, line: number, col: number) =>
      new UserError('X', `${file}:${line}:${col}`, { position: { file, line, col } });
    const sorted = sortErrors([new UserError('X', 'none'), at('b', 1, 1), at('a', 2, 1), at('a', 1, 9), at('a', 1, 2)]);
    expect(sorted.map((e) => e.message)).toEqual(['a:1:2', 'a:1:9', 'a:2:1', 'b:1:1', 'none']);
  });
});

// Error text lands in CI logs that more people read than the plan. A message may quote the value
// on the offending line, never the rest of the plan: no phone numbers, e-mails or names of others.
describe('errors never print more of a plan than the offending line', () => {
  const SECRETS = [
    '+1 217 555 0101',
    '+1 217 555 0102',
    'secret.person@clinic.example',
    'Hidden Person',
    'POLICY-SECRET-77',
  ];
  const plan = `client:
  name: Example Clinic
plan:
  version: |
    1.0.0
    call +1 217 555 0101 for the vault code
  owner: [Hidden Person, +1 217 555 0102]
  classification:
    contacts:
      - { name: Hidden Person, phone: "+1 217 555 0101", email: secret.person@clinic.example }
contacts:
  - id: "ana\\nHidden Person +1 217 555 0102"
    name: Ana Diaz
    phones:
      - number: |-
          +1 217 555 0181
          +1 217 555 0101
    email: "not-an-email\\nsecret.person@clinic.example"
insurance:
  carrier: ${'x'.repeat(500)} POLICY-SECRET-77
  policy_number: 77
  broker: "nobody\\u2028Hidden Person"
`;

  test('every error of a plan full of faults quotes at most the first line of its value', () => {
    const root = tempDir('irplan-dump-');
    mkdirSync(join(root, 'plans', 'clinic'), { recursive: true });
    writeFileSync(join(root, 'plans', 'clinic', 'plan.yaml'), plan);
    const { errors } = readClients(join(root, 'plans'), []);
    const text = errors.map((e) => formatUserError(e, root)).join('\n');
    expect(errors.length).toBeGreaterThanOrEqual(5);
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    for (const line of text.split('\n')) expect(line.length).toBeLessThan(400);
  });
});
