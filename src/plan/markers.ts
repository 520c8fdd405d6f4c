import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, visit } from 'yaml';
import { oneLine, TOOL_ROOT } from '../shared/index.ts';
import type { Position } from '../shared/index.ts';
import { checkSlug, clientFiles, listClients, readPlanText } from './files.ts';

// What a plan repository still has to fill in: TODO markers left in plans/defaults.yaml or a
// client's files, and an MSP layer that is still irplan's shipped example. Both are warnings with
// a position: the plans are valid, but would print someone else's (or no) MSP.

/** A warning about a file that points at its line and column. */
export interface FileWarning {
  code: string;
  message: string;
  hint: string;
  position: Position;
}

const TODO = /\bTODO\b:?\s*/g;

/** The example MSP this copy of irplan ships in plans/defaults.yaml, the data its warning is drawn from. */
const EXAMPLE_DEFAULTS = join(TOOL_ROOT, 'plans', 'defaults.yaml');

/** Every TODO marker left in a text file, one warning each, at the marker's line and column. */
export function todoMarkers(file: string): FileWarning[] {
  let text: string;
  try {
    text = readPlanText(file);
  } catch {
    // An unreadable file is validation's to report, with its reason.
    return [];
  }
  return text.split('\n').flatMap((line, i) =>
    [...line.matchAll(TODO)].map((m) => {
      const at = m.index ?? 0;
      let rest = line.slice(at + m[0].length);
      // A marker inside a quoted value ends with the quote, not with the line.
      if (line[at - 1] === '"') rest = rest.split('"')[0] ?? '';
      rest = oneLine(rest.trim(), 120);
      return {
        code: 'IRP_TODO',
        message: rest ? `still to fill in: ${rest}` : 'a TODO marker is left here',
        hint: 'fill in what the marker asks for, then delete the word TODO',
        position: { file, line: i + 1, col: at + 1 },
      };
    }),
  );
}

/** What identifies the example MSP: its name and people (lower case), e-mail domains and phone digits. */
interface Fingerprint {
  name: string;
  texts: string[];
  digits: Set<string>;
}

const digitsOf = (text: string) => text.replace(/\D/g, '');

/** Reads the shipped example's identifying values; null when this copy of irplan ships none. */
function exampleFingerprint(file: string): Fingerprint | null {
  if (!existsSync(file)) return null;
  const data = parseDocument(readFileSync(file, 'utf8')).toJS() as {
    msp?: { name?: unknown };
    contacts?: { name?: unknown; email?: unknown; phones?: { number?: unknown }[] }[];
  } | null;
  const name = typeof data?.msp?.name === 'string' ? data.msp.name : null;
  if (!name) return null;
  const texts = new Set([name.toLowerCase()]);
  const digits = new Set<string>();
  for (const c of data?.contacts ?? []) {
    if (typeof c.name === 'string') texts.add(c.name.toLowerCase());
    if (typeof c.email === 'string' && c.email.includes('@')) texts.add(`@${c.email.split('@').pop()?.toLowerCase()}`);
    for (const p of c.phones ?? []) if (typeof p.number === 'string') digits.add(digitsOf(p.number));
  }
  return { name, texts: [...texts].filter((t) => t.length >= 4), digits };
}

/** The first value of `file` that is the example MSP's (its name, a person, a domain, a number), with its position. */
function firstExampleValue(file: string, print: Fingerprint): Position | null {
  let text: string;
  try {
    text = readPlanText(file);
  } catch {
    return null;
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  let found: Position | null = null;
  visit(doc, {
    Pair(_, pair) {
      const node = pair.value;
      if (found || isMap(node) || isSeq(node) || !isScalar(node) || typeof node.value !== 'string') return;
      const value = node.value.toLowerCase();
      const digits = digitsOf(value);
      const matches = print.texts.some((t) => value.includes(t)) || (digits.length >= 7 && print.digits.has(digits));
      if (!matches) return;
      const at = lineCounter.linePos(node.range?.[0] ?? 0);
      found = { file, line: at.line, col: at.col };
      return visit.BREAK;
    },
  });
  return found;
}

/**
 * A warning when plans/defaults.yaml still holds the example MSP irplan ships (found by the example's
 * own values, so it follows whatever the example says): its name and numbers would be printed in every
 * client's plan as the MSP to call.
 */
export function exampleMspWarning(plansDir: string, exampleFile = EXAMPLE_DEFAULTS): FileWarning | null {
  const file = join(plansDir, 'defaults.yaml');
  const print = exampleFingerprint(exampleFile);
  const position = print && existsSync(file) ? firstExampleValue(file, print) : null;
  if (!print || !position) return null;
  return {
    code: 'IRP_EXAMPLE_MSP',
    message: `plans/defaults.yaml still holds irplan's example MSP (${print.name}): its name, people and numbers would be printed in every client's plan`,
    hint: 'put your own MSP in plans/defaults.yaml (npx irplan init <dir> starts a repository with one to fill in)',
    position,
  };
}

/**
 * The warnings about what a repository still has to fill in: the example MSP, and TODO markers in
 * plans/defaults.yaml and in the named clients' files (every client's when none are named, none for null).
 */
export function projectWarnings(plansDir: string, slugs: string[] | null): FileWarning[] {
  const defaults = join(plansDir, 'defaults.yaml');
  const named = slugs === null ? [] : slugs.length > 0 ? slugs : listClients(plansDir);
  // A name that is not a client's folder is validation's to report; only real folders are read.
  const clients = named.filter((slug) => !checkSlug(plansDir, slug));
  const files = [
    ...(existsSync(defaults) ? [defaults] : []),
    ...clients.flatMap((s) => clientFiles(join(plansDir, s))),
  ];
  const example = exampleMspWarning(plansDir);
  return [...(example ? [example] : []), ...files.flatMap(todoMarkers)];
}
