import { isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js';
import { preview, UserError } from '../shared/index.ts';
import { dotted, posOf } from './positions.ts';
import type { Located } from './positions.ts';

/** Checks that a phone number can be dialled and displays as what is dialled. */
export function checkPhone(number: string, path: string, input: Located, errors: UserError[]): void {
  // Control and direction-override characters can make a number display differently from what is dialled.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these invisible characters are what is refused
  if (/[\u0000-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/.test(number)) {
    errors.push(
      new UserError('IRP_PHONE', `${dotted(path)} contains invisible control or direction characters`, {
        position: posOf(input, path),
        hint: 'retype the number with digits, spaces, dashes and a leading +',
      }),
    );
    return;
  }
  const parsed = parsePhoneNumberFromString(number, { defaultCountry: 'US' });
  if (!parsed?.isPossible()) {
    errors.push(
      new UserError('IRP_PHONE', `${dotted(path)} "${preview(number)}" is not a phone number that can be dialled`, {
        position: posOf(input, path),
        hint: 'write it in international form with a leading +, e.g. "+1 503 555 0142"',
      }),
    );
  }
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
