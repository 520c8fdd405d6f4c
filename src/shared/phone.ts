import { getCountryCallingCode, isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js';
import type { CountryCode, PhoneNumber } from 'libphonenumber-js';
import { UserError } from './errors.ts';

// Most numbers are dialled everywhere in their E.164 form (+61 2 9876 5432). Some connect only from inside
// their own country (Australia's 1300, 1800 and 13 numbers): +61 1300 ... reaches nobody, even from an
// Australian phone. Those get RFC 3966's local form, tel:1300123456;phone-context=+61, and print as they are
// dialled at home. libphonenumber-js leaves out the metadata that names these ranges, so they come from a
// table (templates/data/domestic-numbers.yaml) that the caller passes in.

/** A row of templates/data/domestic-numbers.yaml: numbers of `country` that cannot be dialled from abroad. */
export interface DomesticRange {
  country: string;
  pattern: string;
}

/** How a number is dialled and printed. */
export interface Dialling {
  /** The body of its tel: link (RFC 3966): "+61412345678", or "1300123456;phone-context=+61" for a domestic-only number. */
  tel: string;
  /** What a phone dials: the E.164 form, or the national digits of a domestic-only number (what a vCard stores). */
  dial: string;
  /** How it prints: as written, except that a domestic-only number written with + prints in national form. */
  shown: string;
}

const compiled = new WeakMap<readonly DomesticRange[], Map<string, RegExp>>();

/** The table's patterns by country, compiled once per table; a pattern that is no regular expression is a user error. */
function patternsOf(ranges: readonly DomesticRange[]): Map<string, RegExp> {
  let out = compiled.get(ranges);
  if (out) return out;
  out = new Map();
  for (const r of ranges) {
    try {
      // The whole national number must match, as libphonenumber matches its number ranges.
      out.set(r.country.toUpperCase(), new RegExp(`^(?:${r.pattern})$`));
    } catch (cause) {
      throw new UserError(
        'IRP_TABLE',
        `domestic-numbers.yaml: the pattern of ${r.country} is not a regular expression`,
        {
          hint: 'compare with the `noInternationalDialling` pattern of that country in libphonenumber',
          cause,
        },
      );
    }
  }
  compiled.set(ranges, out);
  return out;
}

/** Whether the number is in a range its country cannot be dialled into from abroad. */
function isDomestic(parsed: PhoneNumber, patterns: Map<string, RegExp>): boolean {
  // A number written with + and a shared country code may name no single country: every country on the code counts.
  const countries = parsed.country
    ? [parsed.country]
    : [...patterns.keys()].filter(
        (c) => isSupportedCountry(c) && getCountryCallingCode(c as CountryCode) === parsed.countryCallingCode,
      );
  return countries.some((c) => patterns.get(c)?.test(parsed.nationalNumber) === true);
}

/**
 * Reads a number as it is dialled: written without "+" it is read in `country` (the client's); null when it
 * cannot be dialled (no country to read a national number in, or not a possible number).
 */
export function dialForm(number: string, country: string | null, ranges: readonly DomesticRange[]): Dialling | null {
  const home = country && isSupportedCountry(country) ? (country as CountryCode) : undefined;
  const parsed = parsePhoneNumberFromString(number, home ? { defaultCountry: home } : undefined);
  if (!parsed?.isPossible()) return null;
  if (!isDomestic(parsed, patternsOf(ranges))) return { tel: parsed.number, dial: parsed.number, shown: number };
  const national = parsed.formatNational();
  // The national form's digits are what is dialled at home, trunk prefix included where the country uses one.
  const digits = national.replace(/\D/g, '');
  return {
    tel: `${digits};phone-context=+${parsed.countryCallingCode}`,
    dial: digits,
    shown: number.trim().startsWith('+') ? national : number,
  };
}
