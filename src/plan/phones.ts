import { isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { CountryCode } from 'libphonenumber-js/max';
import { preview, UserError } from '../shared/index.ts';
import { dotted, posOf } from './positions.ts';
import type { Located } from './positions.ts';

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
      'write it in international form with a leading +, e.g. "+1 503 555 0142", or set client.country',
    );
    return;
  }
  if (international) {
    // Written with its country code: only whether it can be dialled is checked, as fictional test ranges are
    // not "valid" to libphonenumber.
    if (!parsePhoneNumberFromString(number)?.isPossible())
      fail(
        `"${preview(number)}" is not a phone number that can be dialled`,
        'write it in international form with a leading +, e.g. "+1 503 555 0142"',
      );
    return;
  }
  // A national number is read in the client's country and must be one of its numbers: never a guess.
  const parsed = parsePhoneNumberFromString(number, { defaultCountry: home as CountryCode });
  if (!parsed?.isPossible() || !parsed.isValid())
    fail(
      `"${preview(number)}" is not a valid ${home} phone number`,
      `a number without + is read as a ${home} number (client.country); for another country write it with + and its country code`,
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
