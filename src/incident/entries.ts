import type { Model } from '../model/index.ts';
import type { Messages } from '../shared/index.ts';
import { formatNumber } from '../shared/index.ts';
import type { Clock } from './times.ts';
import type { MergedEntry, MergedLog } from './types.ts';
import { WHAT_KEYS } from './keys.ts';

// The words of the after-action report for single entries: a timeline line, an amount, the labels
// of types, severities and consent actions as the client's plan names them.

/** What the report's words need: the client's model, catalogue, clock and document titles. */
export interface Ctx {
  model: Model;
  messages: Messages;
  clock: Clock;
  /** Document id to its title, for "ticked in <document>". */
  titles: Map<string, string>;
}

/** What the insurer agreed to: the consent action's label, or the words the device recorded. */
export function consentLabel(scope: string, model: Model): string {
  return model.consentActions.find((c) => c.id === scope)?.label ?? scope;
}

export function typeLabel(log: MergedLog, model: Model): string {
  return model.incidents.find((i) => i.id === log.incident.type)?.label ?? log.incident.type;
}

export function severityLabel(id: string, model: Model): string {
  return model.severities.find((s) => s.id === id)?.label ?? id;
}

/** One entry as a line of the timeline. */
export function describe(e: MergedEntry, ctx: Ctx): string {
  const say = ctx.messages.text;
  const docId = e.step?.slice(0, e.step.lastIndexOf(':')) ?? '';
  const doc = ctx.titles.get(docId) ?? docId;
  switch (e.kind) {
    case 'start':
      return say('pdf.incident_what_start', { text: e.text ?? '' }).trim();
    case 'step':
      return say('pdf.incident_what_step', { text: e.text ?? e.step ?? '', doc });
    case 'untick':
      return say('pdf.incident_what_untick', { text: e.text ?? e.step ?? '', doc });
    case 'cost':
      return say('pdf.incident_what_cost', { amount: amount(e, ctx), text: e.text ?? '' });
    case 'consent':
      return say('pdf.incident_what_consent', {
        contact: e.insurer_contact ?? '',
        scope: consentLabel(e.scope ?? '', ctx.model),
        text: e.text ?? '',
      });
    case 'severity':
      return say('pdf.incident_what_severity', { severity: severityLabel(e.severity ?? '', ctx.model) });
    default:
      return say(WHAT_KEYS[e.kind] ?? 'pdf.incident_what_note', { text: e.text ?? '' });
  }
}

function amount(e: MergedEntry, ctx: Ctx): string {
  return money1(e.amount ?? 0, e.currency ?? '', ctx.model.client.locale);
}

/** An amount in its currency as the client's locale writes it. */
function money1(value: number, currency: string, locale: string): string {
  try {
    return new Intl.NumberFormat([locale, 'en-US'], { style: 'currency', currency }).format(value);
  } catch {
    return `${currency} ${formatNumber(value, locale)}`;
  }
}

export function money(entries: MergedEntry[], ctx: Ctx) {
  const costs = entries.filter((e) => e.kind === 'cost');
  const sums = new Map<string, number>();
  for (const e of costs) sums.set(e.currency ?? '', (sums.get(e.currency ?? '') ?? 0) + (e.amount ?? 0));
  return {
    costs: costs.map((e) => ({
      time: ctx.clock.at(Date.parse(e.time)),
      by: e.by,
      what: e.text ?? '',
      amount: amount(e, ctx),
    })),
    totals: [...sums.keys()].sort().map((c) =>
      ctx.messages.text('pdf.incident_total', {
        currency: c,
        amount: money1(Math.round((sums.get(c) ?? 0) * 100) / 100, c, ctx.model.client.locale),
      }),
    ),
  };
}
