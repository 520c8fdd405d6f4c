import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { formatUserError, sortErrors } from '../../../src/shared/errors.ts';
import type { UserError } from '../../../src/shared/errors.ts';
import { readClients } from '../../../src/plan/read.ts';
import { irplan } from '../../helpers/cli.ts';

// Each folder under tests/fixtures/invalid/ is a plan repository with exactly one fault. Its
// formatted errors are pinned in <case>/expected.txt, and each error's line:col is checked against
// the file itself: the text there must start with what the fault put there.
const FIXTURES = resolve(import.meta.dirname, '../../fixtures/invalid');

/** What each error's position must point at, in order of the sorted errors. */
const POINTS_AT: Record<string, string[]> = {
  'bad-date': ['2026-13-45'],
  'bad-date-format': ['15/09/2026'],
  'bad-country': ['UK'],
  'bad-email': ['ana.diaz at clinic'],
  'bad-hotline-country': ['us'],
  'bad-phone': ['"+1 555"'],
  'bad-timezone': ['America/Chicagoo'],
  'bad-version-pattern': ['"v1"'],
  'defaults-contact-collision': ['ben-okafor'],
  'defaults-error': ['colour:'],
  'duplicate-asset-id': ['fileserver'],
  'duplicate-contact-id': ['ana-diaz'],
  'empty-phones': ['[]'],
  'enum-classification': ['TLP:YELLOW'],
  'enum-criticality': ['urgent'],
  'missing-required-field': ['id: ben-okafor'],
  'missing-required-section': ['# A small valid plan'],
  'misspelled-key': ['emial:'],
  'misspelled-section': ['# A small valid plan', 'contacs:'],
  'period-reversed': ['2025-06-30'],
  'sibling-duplicate-section': ['assets:'],
  'sibling-file-error': ['20261'],
  'unknown-asset-owner': ['anna-diaz'],
  'unknown-broker': ['ben-okafr'],
  'unknown-depends-on': ['dc1'],
  'unknown-approver': ['ana-dias'],
  'unknown-owner': ['ana-dias'],
  'unknown-participant': ['ben-okafo'],
  'unquoted-phone': ['2175550182'],
  'unquoted-version': ['1.0'],
  'wrong-type-list': ['business-owner'],
  'wrong-type-number': ['eight'],
  'yaml-syntax-indent': ['ben-okafor'],
  'yaml-syntax-quote': ['"Ana Diaz'],
};

const cases = readdirSync(FIXTURES)
  .filter((n) => !n.startsWith('_'))
  .sort();

function readFixture(name: string, slugs: string[] = []) {
  const root = join(FIXTURES, name);
  const result = readClients(join(root, 'plans'), slugs);
  return { root, result, errors: sortErrors(result.errors) };
}

function textAt(e: UserError): string {
  const pos = e.position!;
  const line = readFileSync(pos.file, 'utf8').split(/\r?\n/)[pos.line - 1] ?? '';
  return line.slice(pos.col - 1);
}

describe('invalid fixtures: one fault each, errors pinned', () => {
  test('the base plan the faults start from is valid', () => {
    const { result } = readFixture('_valid');
    expect(result.errors).toEqual([]);
    expect(result.clients.map((c) => c.slug)).toEqual(['clinic']);
  });

  test('every fixture names where its errors must point', () => {
    expect(cases).toEqual(Object.keys(POINTS_AT).sort());
  });

  test.each(cases)('%s', async (name) => {
    const { root, result, errors } = readFixture(name);
    expect(result.clients).toEqual([]);
    expect(errors.map((e) => textAt(e).slice(0, (POINTS_AT[name] ?? [])[errors.indexOf(e)]?.length ?? 0))).toEqual(
      POINTS_AT[name],
    );
    for (const e of errors) expect(e.hint, e.message).toBeTruthy();
    await expect(`${errors.map((e) => formatUserError(e, root)).join('\n')}\n`).toMatchFileSnapshot(
      join(FIXTURES, name, 'expected.txt'),
    );
  });
});

describe('client names', () => {
  test('an unknown client is an error naming the folder, with a hint to create it', () => {
    const { root, errors } = readFixture('_valid', ['acme-dental']);
    expect(errors.map((e) => formatUserError(e, root))).toMatchInlineSnapshot(`
      [
        "plans/acme-dental:1:1 error IRP_NO_CLIENT no plan for client "acme-dental"
        hint: create it with: npx irplan new acme-dental",
      ]
    `);
  });

  test('a slug that is a path is refused before any file is read', () => {
    const { root, errors } = readFixture('_valid', ['../clinic']);
    expect(errors.map((e) => formatUserError(e, root))).toMatchInlineSnapshot(`
      [
        "plans:1:1 error IRP_SLUG "../clinic" is not a valid client name
        hint: use lower-case letters, digits and dashes, like "northwind-logistics"",
      ]
    `);
  });
});

describe('must show: irplan validate on an unquoted phone number and a misspelled key', () => {
  test('prints both errors with file:line:col and hints, and exits 1', () => {
    const r = irplan(['validate'], { cwd: join(FIXTURES, '_two-faults') });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatchInlineSnapshot(`
      "plans/clinic/plan.yaml:16:5 error IRP_UNKNOWN_KEY unknown key "emial" in contacts[0]
        hint: did you mean \`email\`?
      plans/clinic/plan.yaml:20:17 error IRP_TYPE contacts[1].phones[0].number must be a string, not a number
        hint: quote it: "2175550182"
      2 problems in 1 client; 0 valid
      "
    `);
  });
});
