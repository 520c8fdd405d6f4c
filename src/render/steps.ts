import type Handlebars from 'handlebars';
import { escapeMarkdown, trusted } from '../shared/index.ts';
import type { StepKindView } from '../model/index.ts';
import type { Say } from './messages.ts';

/** What {{stop}} and {{step}} need of the client's policy; null when the client has no insurance. */
export type ConsentPolicy = { consentIds: string[]; carrier: string; consentLabels: Map<string, string> } | null;

/** The consent stop-point: printed when the policy requires consent for any of the actions. */
export function stopPoint(say: Say, policy: ConsentPolicy, ids: string[]): Handlebars.SafeString {
  if (!policy || !ids.some((id) => policy.consentIds.includes(id))) return trusted('');
  // Short on purpose: it repeats on many steps, and the step itself says what the action is.
  // The full label goes into the title of the Triage section's consent list.
  return trusted(` ${say('render.stop', { carrier: escapeMarkdown(policy.carrier) })}`);
}

/**
 * What a playbook step of the given kinds carries: containment is done at once (with a policy that
 * has consent terms, a note says so and to report it); other kinds keep the consent stop-point.
 * The stipulations that govern the kinds follow in the same table cell, so the row stays one row.
 */
export function stepNote(say: Say, policy: ConsentPolicy, kinds: StepKindView[], ids: string[]): Handlebars.SafeString {
  const found = ids.map((id) => findKind(kinds, id));
  const containment = found.filter((k) => k.class === 'containment');
  if (containment.length > 0 && containment.length < found.length)
    throw new Error(
      `{{step}} mixes containment (${containment.map((k) => k.id).join(', ')}) with steps that may wait for consent: a STOP holds the whole row, so split the step in two`,
    );
  const mark =
    containment.length > 0
      ? policy && policy.consentIds.length > 0
        ? ` ${say('render.do_it_now', { carrier: escapeMarkdown(policy.carrier) })}`
        : ''
      : stopPoint(say, policy, [...new Set(found.flatMap((k) => k.consent))]).toString();
  const conditions = policy ? [...new Set(found.flatMap((k) => k.stipulations))] : [];
  return trusted(
    `${mark}${conditions.map((s) => `<br>${say('render.policy_condition', { condition: escapeMarkdown(s) })}`).join('')}`,
  );
}

function findKind(kinds: StepKindView[], id: string): StepKindView {
  const kind = kinds.find((k) => k.id === id);
  if (!kind)
    throw new Error(
      `unknown step kind "${id}": the kinds are ${kinds.map((k) => k.id).join(', ')} (templates/data/step-kinds.yaml)`,
    );
  return kind;
}
