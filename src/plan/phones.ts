import {
  isSupportedCountry,
  parseIncompletePhoneNumber,
  parsePhoneNumberFromString,
  validatePhoneNumberLength,
} from 'libphonenumber-js/max';
import type { CountryCode } from 'libphonenumber-js/max';
import { preview, UserError } from '../shared/index.ts';
import { dotted, posOf } from './positions.ts';
import type { Located } from './positions.ts';

/** A number as people write it and as it is dialled (E.164), so a hint shows both forms. */
const EXAMPLE = '"+1 503 555 0142" (dialled as +15035550142)';

/** What a length check found, in words. */
const LENGTH: Record<string, string> = {
  TOO_SHORT: 'too few',
  TOO_LONG: 'too many',
  INVALID_LENGTH: 'a length no number there has',
};

/**
 * Why a number cannot be dialled, naming the digits that were read in E.164 form (+ country code and
 * number, no spaces): the user sees what irplan read, not only that it is wrong.
 */
function whyNot(number: string, country?: CountryCode): string {
  const reason = validatePhoneNumberLength(number, country);
  const parsed = parsePhoneNumberFromString(number, country ? { defaultCountry: country } : {});
  const e164 = parsed?.number ?? parseIncompletePhoneNumber(number);
  if (reason === 'NOT_A_NUMBER')
    return `only digits are dialled, not letters or other signs (it reads as ${e164}); write it like ${EXAMPLE}`;
  if (reason === 'INVALID_COUNTRY')
    return `${e164} begins with no country code; write the country code after the +, e.g. ${EXAMPLE}`;
  const cc = parsed?.countryCallingCode;
  const what = reason ? LENGTH[reason] : undefined;
  if (parsed && what)
    return `it reads as ${e164}: ${parsed.nationalNumber.length} digits after +${parsed.countryCallingCode}, ${what}; check the digits`;
  return `it reads as ${e164}, which is in no range of numbers assigned${cc ? ` under +${cc}` : ''}; check the digits`;
}

/**
 * Checks that a phone number can be dialled and displays as what is dialled. A number written without
 * "+" is read in `country` (the client's); without a country it cannot be read with certainty.
 */
export function checkPhone(number: string, path: string, input: Located, errors: UserError[], country?: string): void {
  const fail = (message: string, hint: string) =>
    errors.push(new UserError('IRP_PHONE', `${dotted(path)} ${message}`, { position: posOf(input, path), hint }));
  // Control and direction-override characters can make a number display differently from what is dialled.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these invisible characters are what is refused
  if (/[\u0000-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/.test(number)) {
    fail(
      'contains invisible control or direction characters',
      'retype the number with digits, spaces, dashes and a leading +',
    );
    return;
  }
  const international = number.trim().startsWith('+');
  const home = country && isSupportedCountry(country) ? (country as CountryCode) : undefined;
  if (!international && !home) {
    fail(
      `"${preview(number)}" has no country code and the client has no client.country to read it in`,
      `write it in international form with a leading + and its country code, e.g. ${EXAMPLE}, or set client.country`,
    );
    return;
  }
  if (international) {
    // Written with its country code: only whether it can be dialled is checked, as fictional test ranges are
    // not "valid" to libphonenumber.
    if (!parsePhoneNumberFromString(number)?.isPossible())
      fail(`"${preview(number)}" is not a phone number that can be dialled`, whyNot(number));
    return;
  }
  // A national number is read in the client's country and must be one of its numbers: never a guess.
  const parsed = parsePhoneNumberFromString(number, { defaultCountry: home as CountryCode });
  if (!parsed?.isPossible() || !parsed.isValid())
    fail(
      `"${preview(number)}" is not a valid ${home} phone number`,
      `${whyNot(number, home)}; a number without + is read as a ${home} number (client.country), so for another country write it with + and its country code`,
    );
}

/** Checks that client.country is a country code whose phone numbers can be read (UK is not one: GB is). */
export function checkCountry(country: string | undefined, input: Located, errors: UserError[]): void {
  if (country === undefined || isSupportedCountry(country)) return;
  errors.push(
    new UserError('IRP_COUNTRY', `client.country "${preview(country)}" is not an ISO 3166-1 alpha-2 country code`, {
      position: posOf(input, 'client/country'),
      hint: 'use the two-letter ISO code, e.g. US, CA, DE, or GB for the United Kingdom',
    }),
  );
}
