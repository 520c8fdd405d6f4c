import type Handlebars from 'handlebars';
import type { Messages } from '../shared/index.ts';
import {
  closest,
  escapeLinkText,
  escapeMarkdown,
  escapeText,
  formatDate,
  formatHours,
  trusted,
} from '../shared/index.ts';
import type { PhoneView, StepKindView } from '../model/index.ts';
import { argsOf, check, HelperError, is } from './args.ts';
import { englishMessages } from './messages.ts';
import type { Say } from './messages.ts';
import type { ConsentPolicy } from './steps.ts';
import { stepNote, stopPoint } from './steps.ts';
import { XREF_HELPER_NAMES } from './xref.ts';
import { ATTACK_HELPER_NAMES } from './attack.ts';

/**
 * Builds the helper table; `consentIds` and `carrier` come from the client's policy for {{stop}}
 * and {{step}}, the kinds of step from templates/data/step-kinds.yaml for {{step}}, and {{date}}
 * writes dates for `locale` (the model's client.locale). `consentActions` are the consent ids that
 * exist (templates/data/consent.yaml), so {{stop}} refuses a misspelled one; null leaves them unchecked.
 * Each helper checks the kind of every value it is given (see args.ts).
 */
export function createHelpers(
  policy: ConsentPolicy,
  stepKinds: StepKindView[] = [],
  locale = 'en-US',
  messages?: Messages,
  consentActions: readonly string[] | null = null,
) {
  // Looked up when a helper runs, not here: HELPER_NAMES calls this at import, which reads no file.
  const say: Say = (key, vars) => (messages ?? englishMessages()).text(key, vars);
  // Variadic helpers: Handlebars always passes its options last.
  const values = (name: string, args: unknown[]) =>
    args.slice(0, -1).map((v, i) => check(name, v, `argument ${i + 1}`, 'a value', is.defined));
  const ids = (name: string, args: unknown[]) => {
    const given = args.slice(0, -1);
    if (given.length === 0) throw new HelperError(`{{${name}}} needs at least one id in quotes`);
    return given.map((v, i) => check(name, v, `argument ${i + 1}`, 'an id in quotes', is.text));
  };
  return {
    eq: (...args: unknown[]) => {
      const [a, b] = fixed('eq', args, 2);
      return a === b;
    },
    ne: (...args: unknown[]) => {
      const [a, b] = fixed('ne', args, 2);
      return a !== b;
    },
    and: (...args: unknown[]) => values('and', args).every(Boolean),
    or: (...args: unknown[]) => values('or', args).some(Boolean),
    not: (...args: unknown[]) => !fixed('not', args, 1)[0],
    includes: (...args: unknown[]) => {
      const [list, item] = fixed('includes', args, 2);
      return check('includes', list, 'first argument', 'a list', is.list).includes(item);
    },
    len: (...args: unknown[]) => check('len', fixed('len', args, 1)[0], 'argument', 'a list', is.list).length,
    add: (...args: unknown[]) => {
      const [a, b] = fixed('add', args, 2);
      return (
        check('add', a, 'first argument', 'a number', is.number) +
        check('add', b, 'second argument', 'a number', is.number)
      );
    },
    date: (...args: unknown[]) => {
      const iso = check('date', fixed('date', args, 1)[0], 'argument', 'a date (YYYY-MM-DD) or null', is.isoDateOrNull);
      return formatDate(iso ?? undefined, locale) ?? say('render.not_recorded');
    },
    hours: (...args: unknown[]) => {
      const h = check('hours', fixed('hours', args, 1)[0], 'argument', 'a number of hours or null', is.numberOrNull);
      return h === null ? say('render.not_set') : formatHours(h, { locale, text: say });
    },
    join: (...args: unknown[]) => {
      const [list, sep] = fixed('join', args, 1, 2);
      const items = check('join', list, 'first argument', 'a list of texts', is.textList);
      const separator =
        sep === undefined ? ', ' : escapeMarkdown(check('join', sep, 'separator', 'text in quotes', is.text));
      return trusted(items.map(escapeText).join(separator));
    },
    tel: (...args: unknown[]) =>
      telLink(
        check(
          'tel',
          fixed('tel', args, 1)[0],
          'argument',
          'a phone of the model (e.g. primary) or null',
          is.phoneOrNull,
        ) as PhoneView | null,
        say,
      ),
    phones: (...args: unknown[]) => {
      const list = check(
        'phones',
        fixed('phones', args, 1)[0],
        'argument',
        'a list of phones of the model (e.g. phones)',
        is.phonesOrNull,
      ) as PhoneView[] | null;
      return trusted(
        (list ?? []).map((p) => `${telLink(p, say).toString()}${phoneNote(p, say)}`).join('<br>') ||
          say('render.no_phone'),
      );
    },
    mailto: (...args: unknown[]) => {
      const email = check(
        'mailto',
        fixed('mailto', args, 1)[0],
        'argument',
        'an e-mail address or null',
        is.textOrNull,
      );
      return email ? trusted(`[${escapeLinkText(email)}](mailto:${encodeURI(email)})`) : '';
    },
    // {{counsel confirm}}: what the data could not confirm (a rule's or an authority's `confirm`), for counsel.
    counsel: (...args: unknown[]) => {
      const what = check('counsel', fixed('counsel', args, 1)[0], 'argument', 'text or null', is.textOrNull);
      return what ? trusted(say('render.confirm', { what: escapeText(what) })) : '';
    },
    // {{stop "a" "b"}}: one mark for a step that touches several consent actions.
    stop: (...args: unknown[]) => stopPoint(say, policy, knownConsent(ids('stop', args), consentActions)),
    // {{step "isolate-host"}}: what a playbook step does decides whether it waits for consent.
    step: (...args: unknown[]) => stepNote(say, policy, stepKinds, ids('step', args)),
    blank: (...args: unknown[]) => {
      const [width] = fixed('blank', args, 0, 1);
      const n = width === undefined ? 12 : check('blank', width, 'width', 'a number of characters', is.number);
      return trusted('\\_'.repeat(n));
    },
    // Escaped here and marked trusted, so Handlebars does not escape the escapes a second time.
    upper: (...args: unknown[]) =>
      trusted(escapeText(check('upper', fixed('upper', args, 1)[0], 'argument', 'text', is.text).toUpperCase())),
    // A list of names as a sentence ("A, B and C"), or the fallback when the list is empty; steps
    // name the client's own assets where there are any and stay readable where there are none.
    names: (...args: unknown[]) => {
      const [list, fallback] = fixed('names', args, 2);
      const items = check('names', list, 'first argument', 'a list of names', is.textList).map(String);
      return trusted(sentenceList(items, check('names', fallback, 'fallback', 'text in quotes', is.text), say));
    },
  } satisfies Record<string, (...args: never[]) => unknown>;
}

/** The arguments of a helper that takes from `min` to `max` of them, none of them undefined. */
function fixed(name: string, args: unknown[], min: number, max = min): unknown[] {
  const given = argsOf(args);
  if (given.length < min || given.length > max) {
    const want = min === max ? `${min}` : `${min} to ${max}`;
    throw new HelperError(`{{${name}}} takes ${want} argument${max === 1 ? '' : 's'}, but was given ${given.length}`);
  }
  return given.map((v, i) => check(name, v, `argument ${i + 1}`, 'a value', is.defined));
}

/** The consent ids of {{stop}}, each one that exists (templates/data/consent.yaml). */
function knownConsent(ids: string[], known: readonly string[] | null): string[] {
  for (const id of ids) {
    if (known === null || known.includes(id)) continue;
    const guess = closest(id, known);
    throw new HelperError(
      `{{stop "${id}"}} names no consent action${guess ? `: did you mean "${guess}"?` : ''} The ids are ${known.join(', ')} (templates/data/consent.yaml)`,
    );
  }
  return ids;
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
export const HELPER_NAMES = [...Object.keys(createHelpers(null)), ...XREF_HELPER_NAMES, ...ATTACK_HELPER_NAMES];
