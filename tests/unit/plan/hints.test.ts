import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { listSome } from '../../../src/plan/hints.ts';
import { checkPhone } from '../../../src/plan/phones.ts';
import type { Located } from '../../../src/plan/positions.ts';
import { readClients } from '../../../src/plan/read.ts';
import { zoneAdvice } from '../../../src/plan/timezones.ts';
import { loadYamlFile } from '../../../src/plan/yaml.ts';
import { UserError } from '../../../src/shared/errors.ts';
import { tempDir } from '../../helpers/cli.ts';

// Issue 20: hints that fit the mistake. A YAML error's hint follows the parser's error code and
// message; a reference written in defaults.yaml is compared with the MSP's contacts only; a list in
// a hint says when it is cut; a phone hint shows the number as it was read (E.164).

/** Writes files (path -> text) into a fresh folder and returns it. */
function tree(files: Record<string, string>): string {
  const root = tempDir('irplan-hints-');
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(join(root, rel, '..'), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  return root;
}

/** The error of loading a YAML text, as "line:col hint". */
function yamlFailure(text: string): string {
  const root = tree({ 'p.yaml': text });
  try {
    loadYamlFile(join(root, 'p.yaml'));
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    return `${e.position?.line}:${e.position?.col} ${e.hint}`;
  }
  throw new Error('the text loaded without an error');
}

describe('YAML syntax hints follow the error, not a guess', () => {
  test('a key indented less than its entry is an indentation mistake, not an unclosed quote', () => {
    const hint = yamlFailure('contacts:\n  - id: ana\n    phones:\n    - number: "1"\n     label: x\n');
    expect(hint).not.toMatch(/quote|bracket/);
    expect(hint).toMatch(/indented less than the keys of the entry above/);
  });

  test('a key indented deeper than its siblings names the line to move', () => {
    expect(yamlFailure('contacts:\n  - id: ana\n     name: Ana\n')).toBe(
      '2:9 line 3 is indented deeper than the keys above it: line it up with them',
    );
  });

  test('a key indented less than its siblings: line it up', () => {
    expect(yamlFailure('client:\n  name: A\n timezone: UTC\n')).toMatch(/^3:1 line this key up with the other keys/);
  });

  test('a value holding ": " is to be quoted, though the parser reports it like an indentation error', () => {
    expect(yamlFailure('contacts:\n  - title: CEO: Finance\n')).toMatch(/quote a value that contains ": "/);
  });

  test('an unclosed quote and an unclosed bracket each get their own hint', () => {
    expect(yamlFailure('client:\n  name: "Acme\n  industry: x\n')).toMatch(/^2:9 close the quote/);
    expect(yamlFailure('client:\n  groups: [a, b\nplan: {}\n')).toMatch(/close the list with "]"/);
    expect(yamlFailure('client: { name: A\nplan: {}\n')).toMatch(/close the mapping with "}"/);
  });

  test('tabs, bad escapes and reserved first characters', () => {
    expect(yamlFailure('client:\n\tname: A\n')).toMatch(/indent with spaces, not tabs/);
    expect(yamlFailure('a: "C:\\q"\n')).toMatch(/backslash starts an escape/);
    expect(yamlFailure('a: @support\n')).toMatch(/quote a value that starts with @/);
  });
});

describe('a list in a hint says when it is cut', () => {
  test('up to the limit it is whole; past it, how many were left out', () => {
    expect(listSome(['a', 'b', 'c'], 3)).toBe('a, b, c');
    expect(listSome(['a', 'b', 'c', 'd', 'e'], 3)).toBe('a, b, c … and 2 more');
  });

  test('an unknown reference with no close id lists some contacts and counts the rest', () => {
    const contacts = Array.from(
      { length: 20 },
      (_, i) => `  - { id: person-${i}, name: P ${i}, phones: [{ number: "+1 503 555 01${10 + i}" }] }`,
    );
    const root = tree({
      'plans/acme/plan.yaml': `client: { name: Acme, timezone: UTC }\nplan: { version: "1.0.0", owner: zed, classification: TLP:AMBER }\ncontacts:\n${contacts.join('\n')}\n`,
    });
    const [error] = readClients(join(root, 'plans'), []).errors;
    expect(error?.code).toBe('IRP_UNKNOWN_REF');
    expect(error?.hint).toBe(
      'add a contact with id "zed" or use one of: person-0, person-1, person-2, person-3, person-4, person-5, person-6, person-7 … and 12 more',
    );
  });
});

describe('a reference in plans/defaults.yaml is compared with the MSP contacts only', () => {
  const files = (hotline: string) => ({
    'plans/defaults.yaml': `msp: { name: Bluefin IT, hotline: ${hotline} }\ncontacts:\n  - { id: bluefin-soc, name: Bluefin SOC, phones: [{ number: "+1 503 555 0170" }] }\n`,
    'plans/acme/plan.yaml':
      'client: { name: Acme, timezone: UTC }\nplan: { version: "1.0.0", owner: bluefin-sec, classification: TLP:AMBER }\ncontacts:\n  - { id: bluefin-sec, name: Acme security, phones: [{ number: "+1 503 555 0101" }] }\n',
  });

  test("a typo is matched to the MSP's contact, never to the client's closer one", () => {
    const root = tree(files('bluefin-sc'));
    const errors = readClients(join(root, 'plans'), []).errors;
    expect(errors.map((e) => `${e.position?.file.split('/').pop()}:${e.position?.line} ${e.hint}`)).toEqual([
      'defaults.yaml:1 did you mean `bluefin-soc`?',
    ]);
  });

  test("nothing close: add it to plans/defaults.yaml, or use one of the MSP's contacts", () => {
    const root = tree(files('helpdesk'));
    const [error] = readClients(join(root, 'plans'), []).errors;
    expect(error?.hint).toBe('add a contact with id "helpdesk" to plans/defaults.yaml or use one of: bluefin-soc');
  });
});

describe('a phone hint shows the number as it was read, in E.164 form', () => {
  const input: Located = {
    data: {},
    positions: new Map(),
    keyPositions: new Map(),
    fallback: { file: 'p.yaml', line: 1, col: 1 },
  };
  const hint = (number: string, country?: string) => {
    const errors: UserError[] = [];
    checkPhone(number, 'contacts/0/phones/0/number', input, errors, country);
    return errors.map((e) => e.hint);
  };

  test('an international number with a digit missing or one too many', () => {
    expect(hint('+1 503 555 010')).toEqual(['it reads as +1503555010: 9 digits after +1, too few; check the digits']);
    expect(hint('+1 503 555 01000')).toEqual([
      'it reads as +150355501000: 11 digits after +1, too many; check the digits',
    ]);
  });

  test('a country code that does not exist, and letters', () => {
    expect(hint('+999 123 4567')[0]).toMatch(/^\+9991234567 begins with no country code/);
    expect(hint('+1 800 FLOWERS')[0]).toMatch(/^only digits are dialled.*it reads as \+1800/);
  });

  test('a national number read in the client country', () => {
    expect(hint('416 555 01', 'CA')[0]).toMatch(/^it reads as \+141655501: 8 digits after \+1/);
  });

  test('without a country, the example shows the written and the dialled form', () => {
    expect(hint('503 555 0100')[0]).toContain('"+1 503 555 0142" (dialled as +15035550142)');
  });

  test('a number that can be dialled has no error', () => {
    expect(hint('+1 503 555 0100')).toEqual([]);
    expect(hint('020 7946 0958', 'GB')).toEqual([]);
  });
});

describe('time zones', () => {
  test('an unknown zone suggests the closest one', () => {
    const root = tree({
      'plans/acme/plan.yaml':
        'client: { name: Acme, timezone: Europe/Berln }\nplan: { version: "1.0.0", owner: a, classification: TLP:AMBER }\ncontacts:\n  - { id: a, name: A, phones: [{ number: "+49 30 1234567" }] }\n',
    });
    const [error] = readClients(join(root, 'plans'), []).errors;
    expect(`${error?.code} ${error?.hint}`).toBe('IRP_TIMEZONE did you mean `Europe/Berlin`?');
  });

  test('aliases and abbreviations get the canonical name; canonical names get nothing', () => {
    expect(zoneAdvice('US/Eastern')).toBe('"US/Eastern" is not the zone\'s canonical name; write America/New_York');
    expect(zoneAdvice('Canada/Pacific')).toMatch(/write America\/Vancouver$/);
    // EST has no daylight saving time: the runtime's America/Panama is not what a client in New York means.
    expect(zoneAdvice('EST')).toMatch(/fixed UTC−5 offset without daylight saving time.*America\/New_York/);
    expect(zoneAdvice('Etc/GMT+5')).toMatch(/fixed UTC−5 offset \(the sign in these names is inverted\)/);
    for (const ok of ['America/Toronto', 'Asia/Kolkata', 'Europe/Kyiv', 'UTC', 'Etc/UTC', 'Australia/Sydney'])
      expect(zoneAdvice(ok), ok).toBeUndefined();
  });
});

describe('client names on the command line', () => {
  const root = () =>
    tree({
      'plans/maple-ledger/plan.yaml': 'client: { name: Maple }\n',
      'plans/northwind/plan.yaml': 'client: { name: N }\n',
    });

  test('a misspelled name asks whether the closest client was meant', () => {
    const [error] = readClients(join(root(), 'plans'), ['maple-ledgr']).errors;
    expect(`${error?.code} ${error?.hint}`).toBe('IRP_NO_CLIENT did you mean maple-ledger?');
  });

  test('a name close to none says how to create it', () => {
    const [error] = readClients(join(root(), 'plans'), ['harbor-dental']).errors;
    expect(error?.hint).toBe('create it with: npx irplan new harbor-dental');
  });
});
