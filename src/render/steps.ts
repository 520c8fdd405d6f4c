import { createHash } from 'node:crypto';
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

// Step ids (issue 21, /work/tools/INCIDENT-LOG-SPEC.md): a checklist row of a rendered playbook or
// checklist is one step, named by a hash of its document and visible text, so the site's checkboxes,
// the devices' logs and the after-action report all name a step the same way across builds.

/** One step row of a rendered document: its id, document, visible text and the phase its table heads. */
export interface PlanStep {
  id: string;
  doc: string;
  text: string;
  phase: string;
}

/** A step's stable id: `<doc>:` and 12 hex of SHA-256 over `<doc>\n<text>` (text with whitespace collapsed). */
export function stepId(doc: string, text: string): string {
  const hash = createHash('sha256')
    .update(`${doc}\n${collapse(text)}`, 'utf8')
    .digest('hex');
  return `${doc}:${hash.slice(0, 12)}`;
}

/**
 * Every step row of a rendered document, in order. A step table is one whose header row starts with
 * an empty cell (the checkbox column) and names at least one other column; its rows' second cell is
 * the step. Rows with an empty step cell (blank lines of a form) are not steps. A text repeated in
 * the same document gets its occurrence appended before hashing, so ids never collide.
 */
export function stepsOf(html: string, doc: string): PlanStep[] {
  const steps: PlanStep[] = [];
  const seen = new Map<string, number>();
  for (const table of html.match(/<table[\s>][\s\S]*?<\/table>/g) ?? []) {
    const head = cellsOf(table.match(/<thead[\s>][\s\S]*?<\/thead>/)?.[0] ?? '', 'th');
    if (head.length < 2 || head[0] !== '' || head.every((h) => h === '')) continue;
    const phase = head.find((h) => h !== '') ?? '';
    const body = table.match(/<tbody[\s>][\s\S]*?<\/tbody>/)?.[0] ?? '';
    for (const row of body.match(/<tr[\s>][\s\S]*?<\/tr>/g) ?? []) {
      const text = cellsOf(row, 'td')[1] ?? '';
      if (text === '') continue;
      const n = (seen.get(text) ?? 0) + 1;
      seen.set(text, n);
      steps.push({ id: stepId(doc, n === 1 ? text : `${text}\n${n}`), doc, text, phase });
    }
  }
  return steps;
}

/** The visible text of each cell of one kind (th or td) in a fragment. */
function cellsOf(fragment: string, tag: 'th' | 'td'): string[] {
  const cell = new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`, 'g');
  return [...fragment.matchAll(cell)].map((m) => visibleText(m[1] ?? ''));
}

/** Elements that never have a closing tag. */
const VOID = new Set(['area', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'wbr']);

/**
 * What a reader sees of an HTML fragment: tags dropped (a line break counts as a space), elements
 * marked `hidden` left out with their content (the site's page numbers of cross-references), entities
 * decoded, whitespace collapsed.
 */
function visibleText(fragment: string): string {
  let out = '';
  const open: string[] = [];
  let hiddenAt = -1;
  for (const m of fragment.matchAll(/<(\/?)([a-zA-Z][\w-]*)([^>]*)>|([^<]+)/g)) {
    const [, closing, name, attrs, text] = m;
    if (text !== undefined) {
      if (hiddenAt < 0) out += text;
    } else if (closing) {
      open.pop();
      if (open.length <= hiddenAt) hiddenAt = -1;
    } else if (VOID.has((name ?? '').toLowerCase())) {
      if (hiddenAt < 0 && name?.toLowerCase() === 'br') out += ' ';
    } else if (!(attrs ?? '').endsWith('/')) {
      if (hiddenAt < 0 && /\shidden(?:[\s=]|$)/.test(attrs ?? '')) hiddenAt = open.length;
      open.push(name ?? '');
    }
  }
  return collapse(decodeEntities(out));
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** HTML character references: numeric ones and the few named ones Markdown output uses. */
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (!ref.startsWith('#')) return NAMED[ref] ?? whole;
    const code = /^#x/i.test(ref) ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** Whitespace runs as one space, trimmed. */
function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
