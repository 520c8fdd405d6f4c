import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import type { Node } from 'yaml';
import { oneLine, UserError } from './errors.ts';
import type { Position } from './errors.ts';
import { TOOL_ROOT } from './project.ts';
import { closest } from './suggest.ts';

// The words irplan itself writes into a plan's outputs (running heads, "Page X of Y", labels,
// headings of generated pages) come from one catalogue per language: templates/messages/<locale>.yaml,
// flat keys to text with {name} placeholders. A locale's file need only hold what it translates:
// each key is looked up in the exact locale (en-GB), then its language (en), then English.

/** The catalogue of one locale, resolved key by key. */
export interface Messages {
  /** The BCP 47 locale it was loaded for (canonical case), for lang attributes. */
  readonly locale: string;
  /** Every key with its text, placeholders unfilled, for the site's pages (they fill their own). */
  readonly entries: Readonly<Record<string, string>>;
  /** The text of `key` with its {name} placeholders filled in from `vars`. */
  text(key: string, vars?: Record<string, string | number>): string;
}

/** The locale and its fallbacks, most specific first: en-GB -> [en-GB, en], zh-Hant-TW -> [zh-Hant-TW, zh-Hant, zh]. */
export function localeChain(locale: string): string[] {
  let tag = locale;
  try {
    tag = Intl.getCanonicalLocales(locale)[0] ?? locale;
  } catch {
    // Not a tag Intl knows: the plan schema's pattern let it through, so use it as written.
  }
  const parts = tag.split('-');
  return parts.map((_p, i) => parts.slice(0, parts.length - i).join('-'));
}

/**
 * Loads the catalogue for `locale` from `templatesDir`/messages/, over irplan's own English
 * (so a project with its own templates/ folder gets keys added to irplan since it was copied).
 */
export function loadMessages(templatesDir: string, locale: string): Messages {
  const chain = localeChain(locale);
  const english = [join(TOOL_ROOT, 'templates', 'messages', 'en.yaml'), join(templatesDir, 'messages', 'en.yaml')];
  const base: Record<string, string> = {};
  for (const file of new Set(english)) if (existsSync(file)) Object.assign(base, readCatalogue(file).texts);
  const entries = { ...base };
  // Least specific first, so the exact locale's text wins; English was laid down above.
  for (const tag of [...chain].reverse()) {
    const file = join(templatesDir, 'messages', `${tag}.yaml`);
    if (tag === 'en' || !existsSync(file)) continue;
    const catalogue = readCatalogue(file);
    checkAgainst(catalogue, base);
    Object.assign(entries, catalogue.texts);
  }
  return catalogueMessages(chain[0] ?? locale, entries);
}

/** Messages from a locale and its resolved entries (as another thread receives a catalogue). */
export function catalogueMessages(locale: string, entries: Readonly<Record<string, string>>): Messages {
  return { locale, entries, text: (key, vars) => fillMessage(key, entries[key], vars) };
}

/** Fills {name} placeholders; a key or a value the code does not supply is a bug, never a blank. */
function fillMessage(key: string, text: string | undefined, vars: Record<string, string | number> = {}): string {
  if (text === undefined) throw new Error(`no message "${key}" in templates/messages/en.yaml`);
  return text.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const value = vars[name];
    if (value === undefined) throw new Error(`message "${key}" needs a value for {${name}}`);
    return String(value);
  });
}

/** One catalogue file: its texts, and where each key is (for errors). */
interface Catalogue {
  file: string;
  texts: Record<string, string>;
  at: Map<string, Position>;
}

const cache = new Map<string, { stamp: string; catalogue: Catalogue }>();

/** Reads a catalogue file once per content (irplan dev rebuilds in one process), checked for shape. */
function readCatalogue(file: string): Catalogue {
  const s = statSync(file);
  const stamp = `${s.mtimeMs}:${s.size}`;
  const hit = cache.get(file);
  if (hit?.stamp === stamp) return hit.catalogue;
  const catalogue = parseCatalogue(file, readFileSync(file, 'utf8'));
  cache.set(file, { stamp, catalogue });
  return catalogue;
}

function parseCatalogue(file: string, text: string): Catalogue {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const at = (offset: number): Position => ({ file, ...lineCounter.linePos(offset) });
  const fail = (message: string, offset: number) =>
    new UserError('IRP_MESSAGES', message, {
      position: at(offset),
      hint: 'a message file maps keys to text: pdf.page_of: "Page {page} of {pages}"',
    });
  const syntax = doc.errors[0];
  if (syntax) throw fail(`YAML syntax: ${oneLine(syntax.message.split('\n')[0] ?? '')}`, syntax.pos[0]);
  const out: Catalogue = { file, texts: {}, at: new Map() };
  if (doc.contents === null) return out;
  if (!isMap(doc.contents)) throw fail('the file must be a mapping of keys to text', start(doc.contents));
  for (const pair of doc.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const value = isScalar(pair.value) ? pair.value.value : undefined;
    if (typeof value !== 'string') throw fail(`"${key}" must be a text (quote it)`, start(pair.value ?? pair.key));
    out.texts[key] = value;
    out.at.set(key, at(start(pair.key)));
  }
  return out;
}

function start(node: unknown): number {
  return (node as Node | null)?.range?.[0] ?? 0;
}

/**
 * A translation may only translate: a key English lacks is a typo, and a placeholder English does
 * not fill would be printed as "{pgae}".
 */
function checkAgainst(catalogue: Catalogue, english: Record<string, string>): void {
  for (const [key, text] of Object.entries(catalogue.texts)) {
    const position = catalogue.at.get(key);
    const original = english[key];
    if (original === undefined) {
      const guess = closest(key, Object.keys(english));
      throw new UserError('IRP_MESSAGES', `"${key}" is not a message irplan writes`, {
        position,
        hint: guess ? `did you mean "${guess}"?` : 'the keys are those of templates/messages/en.yaml',
      });
    }
    const known = new Set(placeholders(original));
    const unknown = placeholders(text).find((p) => !known.has(p));
    if (unknown)
      throw new UserError('IRP_MESSAGES', `"${key}" has a placeholder {${unknown}} that is never filled in`, {
        position,
        hint:
          known.size > 0
            ? `this message fills ${[...known].map((p) => `{${p}}`).join(', ')}`
            : 'this message fills none',
      });
  }
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '');
}
