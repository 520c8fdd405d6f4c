import { preview, UserError } from '../shared/index.ts';
import { checkCountry, checkPhone } from './phones.ts';
import { posOf } from './positions.ts';
import type { Located } from './positions.ts';
import { checkReferences } from './references.ts';
import { validators } from './schema.ts';
import { schemaErrors } from './schema-errors.ts';
import { checkTimezone } from './timezones.ts';
import type { Plan } from './types.ts';

/** Validates a merged client plan: schema first, then references and values the schema cannot check. */
export function validatePlan(input: Located): UserError[] {
  const { full } = validators();
  if (!full(input.data)) return schemaErrors(full.errors ?? [], input);
  return checkPlan(input.data as Plan, input);
}

/** Validates plans/defaults.yaml on its own: the same format, nothing required. */
export function validateDefaults(input: Located): UserError[] {
  const { partial } = validators();
  return partial(input.data) ? [] : schemaErrors(partial.errors ?? [], input);
}

/** Checks that the schema cannot express: unique ids, references, phone numbers, time zone, policy period. */
function checkPlan(plan: Plan, input: Located): UserError[] {
  const errors: UserError[] = [];
  checkReferences(plan, input, errors);
  const country = plan.client.country;
  for (const [i, c] of plan.contacts.entries())
    for (const [j, ph] of c.phones.entries())
      checkPhone(ph.number, `contacts/${i}/phones/${j}/number`, input, errors, country);
  if (plan.insurance?.claims_hotline)
    checkPhone(plan.insurance.claims_hotline, 'insurance/claims_hotline', input, errors, country);
  for (const [i, p] of (plan.insurance?.panel ?? []).entries())
    if (p.phone) checkPhone(p.phone, `insurance/panel/${i}/phone`, input, errors, country);
  for (const [i, a] of (plan.jurisdiction?.authorities ?? []).entries())
    if (a.phone) checkPhone(a.phone, `jurisdiction/authorities/${i}/phone`, input, errors, country);
  checkTimezone(plan.client.timezone, input, errors);
  checkCountry(plan.client.country, input, errors);
  const period = plan.insurance?.period;
  if (period?.start && period.end && period.end < period.start) {
    errors.push(
      new UserError(
        'IRP_PERIOD',
        `the policy period ends (${preview(period.end)}) before it starts (${preview(period.start)})`,
        { position: posOf(input, 'insurance/period/end'), hint: 'check the dates on the policy declarations page' },
      ),
    );
  }
  return errors;
}
