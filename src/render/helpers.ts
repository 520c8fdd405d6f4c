import type Handlebars from 'handlebars';
import { escapeLinkText, escapeMarkdown, formatDate, formatHours, trusted } from '../shared/index.ts';
import type { PhoneView, StepKindView } from '../model/index.ts';
import type { ConsentPolicy } from './steps.ts';
import { stepNote, stopPoint } from './steps.ts';
import { XREF_HELPER_NAMES } from './xref.ts';

/**
 * Builds the helper table; `consentIds` and `carrier` come from the client's policy for {{stop}}
 * and {{step}}, and the kinds of step from templates/data/step-kinds.yaml for {{step}}.
 */
export function createHelpers(policy: ConsentPolicy, stepKinds: StepKindView[] = []) {
  return {
    eq: (a: unknown, b: unknown) => a === b,
    ne: (a: unknown, b: unknown) => a !== b,
    and: (...args: unknown[]) => args.slice(0, -1).every(Boolean),
    or: (...args: unknown[]) => args.slice(0, -1).some(Boolean),
    not: (a: unknown) => !a,
    includes: (list: unknown, item: unknown) => Array.isArray(list) && list.includes(item),
    len: (list: unknown) => (Array.isArray(list) ? list.length : 0),
    add: (a: number, b: number) => Number(a) + Number(b),
    date: (iso: string | null) => formatDate(iso ?? undefined) ?? 'not recorded',
    hours: (h: number | null) => (h === null ? 'not set' : formatHours(h)),
    join: (list: unknown, sep: unknown) =>
      trusted(
        (Array.isArray(list) ? list : [])
          .map(escapeMarkdown)
          .join(typeof sep === 'string' ? escapeMarkdown(sep) : ', '),
      ),
    tel: (phone: PhoneView | null) => telLink(phone),
    phones: (list: PhoneView[] | null) =>
      trusted(
        (list ?? [])
          .map(
            (p) =>
              `${telLink(p).toString()}${p.label ? ` (${escapeMarkdown(p.label)}${p.outOfBand ? ', out of band' : ''})` : p.outOfBand ? ' (out of band)' : ''}`,
          )
          .join('<br>') || 'no phone on file',
      ),
    mailto: (email: string | null) => (email ? trusted(`[${escapeLinkText(email)}](mailto:${encodeURI(email)})`) : ''),
    // {{stop "a" "b"}}: one mark for a step that touches several consent actions.
    stop: (...args: unknown[]) =>
      stopPoint(
        policy,
        args.slice(0, -1).filter((x): x is string => typeof x === 'string'),
      ),
    // {{step "isolate-host"}}: what a playbook step does decides whether it waits for consent.
    step: (...args: unknown[]) =>
      stepNote(
        policy,
        stepKinds,
        args.slice(0, -1).filter((x): x is string => typeof x === 'string'),
      ),
    blank: (width: number) => trusted('\\_'.repeat(typeof width === 'number' ? width : 12)),
    upper: (s: string) => escapeMarkdown(String(s ?? '').toUpperCase()),
    // A list of names as a sentence ("A, B and C"), or the fallback when the list is empty; steps
    // name the client's own assets where there are any and stay readable where there are none.
    names: (list: unknown, fallback: unknown) =>
      trusted(sentenceList(Array.isArray(list) ? list.map(String) : [], typeof fallback === 'string' ? fallback : '')),
  } satisfies Record<string, (...args: never[]) => unknown>;
}

/** Items as a sentence ("A, B and C"), each escaped; the fallback when there are none. */
function sentenceList(items: string[], fallback: string): string {
  const parts = items.map(escapeMarkdown);
  if (parts.length === 0) return escapeMarkdown(fallback);
  return parts.length === 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1) ?? ''}`;
}

function telLink(phone: PhoneView | null): Handlebars.SafeString {
  if (!phone) return trusted('no phone on file');
  const shown = escapeLinkText(phone.number);
  return trusted(phone.tel ? `[${shown}](tel:${phone.tel})` : shown);
}

/** Names of the helpers, for Handlebars' knownHelpersOnly compile option. */
export const HELPER_NAMES = [...Object.keys(createHelpers(null)), ...XREF_HELPER_NAMES];
