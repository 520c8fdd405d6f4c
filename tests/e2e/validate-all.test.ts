import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { irplan, tempDir } from '../helpers/cli.ts';

// A first real plan with six different mistakes: one `irplan validate` names all six, each at its
// file:line:col, references included (they used to wait until the schema errors were fixed).
const FIXTURE = resolve(import.meta.dirname, '../fixtures/invalid/_six-mistakes');
const PLAN = join('plans', 'maple-ledger', 'plan.yaml');

/** A fresh copy of the six-mistake project, removed when this file's tests end. */
function project(): string {
  const root = tempDir('irplan-six-');
  cpSync(FIXTURE, root, { recursive: true });
  return root;
}

/** The six mistakes: the code each is reported with and the text its position points at. */
const MISTAKES = [
  { code: 'IRP_TIMEZONE', at: 'America/Torono' },
  { code: 'IRP_PHONE', at: '"+1 416 555 01"' },
  { code: 'IRP_UNKNOWN_KEY', at: 'emial:' },
  { code: 'IRP_DUPLICATE_ID', at: 'priya-shah' },
  { code: 'IRP_TYPE', at: 'eight' },
  { code: 'IRP_UNKNOWN_REF', at: 'sam-green' },
];

/** The fixes of the six mistakes, as text replacements. */
const FIXES: [string, string][] = [
  ['America/Torono', 'America/Toronto'],
  ['"+1 416 555 01"', '"+1 416 555 0103"'],
  ['emial:', 'email:'],
  [
    '  - id: priya-shah                                  # mistake 5',
    '  - id: priya-shah-home                             # mistake 5',
  ],
  ['rto_hours: eight', 'rto_hours: 8'],
  ['broker: sam-green ', 'broker: sam-greene'],
];

describe('must show: a six-mistake plan reports all six problems in one run', () => {
  test('each with file:line:col pointing at the mistake, sorted by position, and a hint', () => {
    const root = project();
    const r = irplan(['validate'], { cwd: root });
    expect(r.code).toBe(1);
    const lines = r.stderr.trimEnd().split('\n');
    const errors = lines.filter((l) => / error IRP_/.test(l));
    expect(errors).toHaveLength(6);
    const text = readFileSync(join(root, PLAN), 'utf8').split('\n');
    const found = errors.map((line) => {
      const m = /^(.+?):(\d+):(\d+) error (IRP_\w+) /.exec(line);
      expect(m, line).not.toBeNull();
      const [, file, row, col, code] = m as RegExpExecArray;
      expect(file).toBe(PLAN);
      return { code, at: (text[Number(row) - 1] ?? '').slice(Number(col) - 1), row: Number(row) };
    });
    expect(found.map((f) => f.code)).toEqual(MISTAKES.map((m) => m.code));
    for (const [i, m] of MISTAKES.entries())
      expect(found[i]?.at.startsWith(m.at), `${m.code} at ${found[i]?.at}`).toBe(true);
    expect(found.map((f) => f.row)).toEqual([...found.map((f) => f.row)].sort((a, b) => a - b));
    // Every error is followed by its hint, and the fitting ones guess what was meant.
    for (const e of errors) expect(lines[lines.indexOf(e) + 1]).toMatch(/^ {2}hint: \S/);
    expect(r.stderr).toContain('did you mean `America/Toronto`?');
    expect(r.stderr).toContain('did you mean `sam-greene`?');
    expect(r.stderr).toContain('it reads as +141655501');
    expect(lines.at(-1)).toBe('6 problems in 1 client; 0 valid');
  });

  test('with the six fixed, the plan is valid', () => {
    const root = project();
    let text = readFileSync(join(root, PLAN), 'utf8');
    for (const [from, to] of FIXES) {
      expect(text, from).toContain(from);
      text = text.replace(from, to);
    }
    writeFileSync(join(root, PLAN), text);
    const r = irplan(['validate'], { cwd: root });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});

describe('mistakes that used to pass in silence', () => {
  test('a misspelled client name on the command line asks whether the existing client was meant', () => {
    const root = project();
    const near = irplan(['validate', 'maple-ledgr'], { cwd: root });
    expect(near.code).toBe(1);
    expect(near.stderr).toContain(
      'error IRP_NO_CLIENT no plan for client "maple-ledgr"\n  hint: did you mean maple-ledger?',
    );
    // Nothing close: the hint is still how to create it.
    const far = irplan(['validate', 'northwind'], { cwd: root });
    expect(far.stderr).toContain('hint: create it with: npx irplan new northwind');
  });

  test('a missing time zone and an abbreviation are warnings at client.timezone, naming what to write', () => {
    const root = project();
    let text = readFileSync(join(root, PLAN), 'utf8');
    for (const [from, to] of FIXES) text = text.replace(from, to);
    const row = text.split('\n').findIndex((l) => l.includes('timezone:')) + 1;
    writeFileSync(join(root, PLAN), text.replace('America/Toronto', 'EST'));
    const est = irplan(['validate'], { cwd: root });
    expect(est.code, est.stderr).toBe(0);
    expect(est.stdout).toMatch(
      new RegExp(
        `^${PLAN}:${row}:13 warning IRP_TIMEZONE_ALIAS .*"EST" is a fixed UTC−5 offset .*America/Toronto`,
        'm',
      ),
    );
    writeFileSync(join(root, PLAN), text.replace(/^ {2}timezone: .*\n/m, ''));
    const missing = irplan(['validate'], { cwd: root });
    expect(missing.code, missing.stderr).toBe(0);
    // No zone: the warning points into client:, where the field goes, and names it.
    expect(missing.stdout).toMatch(
      new RegExp(
        `^${PLAN}:4:3 warning IRP_TIMEZONE_MISSING .*client\\.timezone is not set, so dates and deadlines are shown in UTC`,
        'm',
      ),
    );
    expect(missing.stdout).toContain('hint: add timezone: under client:');
  });
});
