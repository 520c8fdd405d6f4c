import { preview, UserError } from '../shared/index.ts';
import type { Position } from '../shared/index.ts';
import { checkCountry, checkPhone } from './phones.ts';
import { posOf } from './positions.ts';
import type { Located } from './positions.ts';
import { textAt, textsAt } from './readable.ts';
import { checkReferences } from './references.ts';
import { validators } from './schema.ts';
import { schemaErrors } from './schema-errors.ts';
import { checkTimezone } from './timezones.ts';

/** Where a plan holds phone numbers. */
const PHONES = [
  'contacts/*/phones/*/number',
  'insurance/claims_hotline',
  'insurance/panel/*/phone',
  'jurisdiction/authorities/*/phone',
];

/**
 * Validates a merged client plan: the schema, and the references and values the schema cannot
 * check. Both run whatever the other finds, so one run reports every problem.
 */
export function validatePlan(input: Located): UserError[] {
  const { full } = validators();
  const schema = full(input.data) ? [] : schemaErrors(full.errors ?? [], input);
  return [...schema, ...notAt(checkPlan(input, schema.length > 0), schema)];
}

/** Validates plans/defaults.yaml on its own: the same format, nothing required. */
export function validateDefaults(input: Located): UserError[] {
  const { partial } = validators();
  return partial(input.data) ? [] : schemaErrors(partial.errors ?? [], input);
}

/** Checks that the schema cannot express: unique ids, references, phone numbers, time zone, policy period. */
function checkPlan(input: Located, schemaFailed: boolean): UserError[] {
  const errors: UserError[] = [];
  checkReferences(input, errors, schemaFailed);
  const country = textAt(input.data, 'client/country');
  for (const pattern of PHONES)
    for (const { path, value } of textsAt(input.data, pattern)) checkPhone(value, path, input, errors, country);
  checkTimezone(textAt(input.data, 'client/timezone'), input, errors);
  checkCountry(country, input, errors);
  const start = textAt(input.data, 'insurance/period/start');
  const end = textAt(input.data, 'insurance/period/end');
  if (start && end && end < start) {
    errors.push(
      new UserError('IRP_PERIOD', `the policy period ends (${preview(end)}) before it starts (${preview(start)})`, {
        position: posOf(input, 'insurance/period/end'),
        hint: 'check the dates on the policy declarations page',
      }),
    );
  }
  return errors;
}

/** A value the schema already refused (an id of the wrong form, a malformed date) is reported once. */
function notAt(errors: UserError[], reported: UserError[]): UserError[] {
  const key = (p: Position | undefined) => (p ? `${p.file}:${p.line}:${p.col}` : '');
  const taken = new Set(reported.map((e) => key(e.position)));
  return errors.filter((e) => !taken.has(key(e.position)));
}
