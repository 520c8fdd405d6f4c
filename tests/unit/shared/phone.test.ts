import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { UserError } from '../../../src/shared/errors.ts';
import type { DomesticRange } from '../../../src/shared/phone.ts';
import { dialForm } from '../../../src/shared/phone.ts';
import { REPO } from '../../helpers/bin.ts';

// Numbers that connect only from inside their country (Australia's 1300, 1800 and 13 numbers) must never get
// an E.164 tel: link: +61 1300 ... reaches nobody, not even from an Australian phone. The shipped table
// (templates/data/domestic-numbers.yaml) says which they are; every other number stays E.164.
const RANGES = parse(readFileSync(join(REPO, 'templates', 'data', 'domestic-numbers.yaml'), 'utf8')) as DomesticRange[];

describe('dialForm', () => {
  test.each([
    ['1300 123 456', 'AU', '1300123456;phone-context=+61', '1300123456'],
    ['1800 123 456', 'AU', '1800123456;phone-context=+61', '1800123456'],
    ['13 14 50', 'AU', '131450;phone-context=+61', '131450'],
    ['1850 123 456', 'IE', '1850123456;phone-context=+353', '1850123456'],
    // Argentina dials its 0810 numbers with the trunk 0: the national form's digits are what is dialled.
    ['0810 123 4567', 'AR', '08101234567;phone-context=+54', '08101234567'],
  ])(
    '%s (%s) links with its national digits and phone-context, and prints as written',
    (number, country, tel, dial) => {
      expect(dialForm(number, country, RANGES)).toEqual({ tel, dial, shown: number });
    },
  );

  test('a domestic-only number written with + prints in national form and needs no client country', () => {
    expect(dialForm('+61 1300 363 992', null, RANGES)).toEqual({
      tel: '1300363992;phone-context=+61',
      dial: '1300363992',
      shown: '1300 363 992',
    });
  });

  test.each([
    ['0412 345 678', 'AU', '+61412345678'],
    ['(02) 9876 5432', 'AU', '+61298765432'],
    // A UK 03 number is non-geographic too, yet dialled from abroad: the kind of number does not decide.
    ['+44 300 123 2040', null, '+443001232040'],
    ['+1 888 555 0170', null, '+18885550170'],
  ])('%s stays E.164 in its link and what a phone dials, printed as written', (number, country, e164) => {
    expect(dialForm(number, country, RANGES)).toEqual({ tel: e164, dial: e164, shown: number });
  });

  test('the table decides: without it a 1300 number would get the E.164 link that connects nowhere', () => {
    expect(dialForm('1300 123 456', 'AU', [])?.tel).toBe('+611300123456');
    expect(dialForm('1300 123 456', 'AU', [{ country: 'AU', pattern: '1300\\d{6}' }])?.tel).toBe(
      '1300123456;phone-context=+61',
    );
    // The whole national number must match, not a part of it.
    expect(dialForm('0412 345 678', 'AU', [{ country: 'AU', pattern: '412' }])?.tel).toBe('+61412345678');
  });

  test('a national number without a country to read it in, or an impossible one, has no dialling form', () => {
    expect(dialForm('1300 123 456', null, RANGES)).toBeNull();
    expect(dialForm('12', 'AU', RANGES)).toBeNull();
  });

  test('a pattern that is no regular expression is a user error naming the table and country', () => {
    const bad = [{ country: 'AU', pattern: '1300(' }];
    expect(() => dialForm('1300 123 456', 'AU', bad)).toThrow(UserError);
    expect(() => dialForm('1300 123 456', 'AU', bad)).toThrow(/domestic-numbers\.yaml: the pattern of AU/);
  });
});
