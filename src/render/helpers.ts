import type Handlebars from 'handlebars';
import type { Messages } from '../shared/index.ts';
import { escapeLinkText, escapeMarkdown, escapeText, formatDate, formatHours, trusted } from '../shared/index.ts';
import type { PhoneView, StepKindView } from '../model/index.ts';
import { englishMessages } from './messages.ts';
import type { Say } from './messages.ts';
import type { ConsentPolicy } from './steps.ts';
import { stepNote, stopPoint } from './steps.ts';
import { XREF_HELPER_NAMES } from './xref.ts';

/**
 * Builds the helper table; `consentIds` and `carrier` come from the client's policy for {{stop}}
 * and {{step}}, the kinds of step from templates/data/step-kinds.yaml for {{step}}, and {{date}}
 * writes dates for `locale` (the model's client.locale).
 */
export function createHelpers(
  policy: ConsentPolicy,
  stepKinds: StepKindView[] = [],
  locale = 'en-US',
  messages?: Messages,
) {
  // Looked up when a helper runs, not here: HELPER_NAMES calls this at import, which reads no file.
  const say: Say = (key, vars) => (messages ?? englishMessages()).text(key, vars);
  return {
    eq: (a: unknown, b: unknown) => a === b,
    ne: (a: unknown, b: unknown) => a !== b,
    and: (...args: unknown[]) => args.slice(0, -1).every(Boolean),
    or: (...args: unknown[]) => args.slice(0, -1).some(Boolean),
    not: (a: unknown) => !a,
    includes: (list: unknown, item: unknown) => Array.isArray(list) && list.includes(item),
    len: (list: unknown) => (Array.isArray(list) ? list.length : 0),
    add: (a: number, b: number) => Number(a) + Number(b),
    date: (iso: string | null) => formatDate(iso ?? undefined, locale) ?? say('render.not_recorded'),
    hours: (h: number | null) => (h === null ? say('render.not_set') : formatHours(h)),
    join: (list: unknown, sep: unknown) =>
      trusted(
        (Array.isArray(list) ? list : []).map(escapeText).join(typeof sep === 'string' ? escapeMarkdown(sep) : ', '),
      ),
    tel: (phone: PhoneView | null) => telLink(phone, say),
    phones: (list: PhoneView[] | null) =>
      trusted(
        (list ?? []).map((p) => `${telLink(p, say).toString()}${phoneNote(p, say)}`).join('<br>') ||
          say('render.no_phone'),
      ),
    mailto: (email: string | null) => (email ? trusted(`[${escapeLinkText(email)}](mailto:${encodeURI(email)})`) : ''),
    // {{stop "a" "b"}}: one mark for a step that touches several consent actions.
    stop: (...args: unknown[]) =>
      stopPoint(
        say,
        policy,
        args.slice(0, -1).filter((x): x is string => typeof x === 'string'),
      ),
    // {{step "isolate-host"}}: what a playbook step does decides whether it waits for consent.
    step: (...args: unknown[]) =>
      stepNote(
        say,
        policy,
        stepKinds,
        args.slice(0, -1).filter((x): x is string => typeof x === 'string'),
      ),
    blank: (width: number) => trusted('\\_'.repeat(typeof width === 'number' ? width : 12)),
    upper: (s: string) => escapeMarkdown(String(s ?? '').toUpperCase()),
    // A list of names as a sentence ("A, B and C"), or the fallback when the list is empty; steps
    // name the client's own assets where there are any and stay readable where there are none.
    names: (list: unknown, fallback: unknown) =>
      trusted(
        sentenceList(Array.isArray(list) ? list.map(String) : [], typeof fallback === 'string' ? fallback : '', say),
      ),
  } satisfies Record<string, (...args: never[]) => unknown>;
}

/** Items as a sentence ("A, B and C"), each escaped; the fallback when there are none. */
function sentenceList(items: string[], fallback: string, say: Say): string {
  const parts = items.map(escapeText);
  if (parts.length === 0) return escapeMarkdown(fallback);
  if (parts.length === 1) return parts[0] ?? '';
  return say('render.list_last', {
    items: parts.slice(0, -1).join(say('render.list_separator')),
    last: parts.at(-1) ?? '',
  });
}

/** What follows a number: its label and whether it is out of band, in brackets. */
function phoneNote(p: PhoneView, say: Say): string {
  const notes = [p.label ? escapeMarkdown(p.label) : '', p.outOfBand ? say('render.out_of_band') : ''].filter(Boolean);
  return notes.length > 0 ? ` (${notes.join(say('render.list_separator'))})` : '';
}

function telLink(phone: PhoneView | null, say: Say): Handlebars.SafeString {
  if (!phone) return trusted(say('render.no_phone'));
  const shown = escapeLinkText(phone.number);
  return trusted(phone.tel ? `[${shown}](tel:${phone.tel})` : shown);
}

/** Names of the helpers, for Handlebars' knownHelpersOnly compile option. */
export const HELPER_NAMES = [...Object.keys(createHelpers(null)), ...XREF_HELPER_NAMES];
