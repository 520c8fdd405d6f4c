import type { CoverageEntry, Model } from '../model/index.ts';
import { readableText } from '../render/index.ts';

// `irplan coverage`: which NIST CSF 2.0 Respond and Recover subcategories a client's rendered plan
// covers. The mapping is data (templates/data/coverage.yaml, whose comment defines `where` and the
// paths); this module only reads the rendered documents and the model the way the data says.

/** covered: done, by a named person or asset; generic: done, but nobody is named; missing: not done. */
type CoverageStatus = 'covered' | 'generic' | 'missing';

/** One subcategory's result for one client. */
export interface CoverageRow {
  id: string;
  function: string;
  category: string;
  text: string;
  recommendation: string;
  status: CoverageStatus;
  /** Where the plan does it: document titles, with the heading or step table found. */
  where: string[];
  /** The people or assets it names for it. */
  named: string[];
  /** For generic and missing: the plan field to fill. */
  fill: string | null;
}

/** The counts of a client's rows, for the portfolio. */
export interface CoverageSummary {
  covered: number;
  generic: number;
  missing: number;
  total: number;
}

/** The part of a rendered document coverage reads. */
interface Doc {
  id: string;
  title: string;
  body: string;
}

/** Each subcategory of the table, as this client's rendered documents and model cover it. */
export function planCoverage(model: Model, docs: Doc[], entries: CoverageEntry[]): CoverageRow[] {
  return entries.map((e) => {
    const base = {
      id: e.id,
      function: e.function,
      category: e.category,
      text: e.text,
      recommendation: e.recommendation,
    };
    const where = [...new Set(e.where.flatMap((ref) => findPlaces(docs, ref)))];
    const lacking = (e.requires ?? []).some((path) => namesAt(model, path).length === 0);
    if (lacking || where.length === 0) {
      const fill = e.missing_field ?? `a section or step that does it (${e.where.join(', ')})`;
      return { ...base, status: 'missing', where, named: [], fill };
    }
    const named = [...new Set(e.named.flatMap((path) => namesAt(model, path)))];
    if (named.length === 0) return { ...base, status: 'generic', where, named, fill: e.named_field };
    return { ...base, status: 'covered', where, named, fill: null };
  });
}

/** How many subcategories are covered, generic and missing. */
export function summarizeCoverage(rows: CoverageRow[]): CoverageSummary {
  const count = (s: CoverageStatus) => rows.filter((r) => r.status === s).length;
  return { covered: count('covered'), generic: count('generic'), missing: count('missing'), total: rows.length };
}

/**
 * The places one `where` reference finds: `<doc>`, `<doc>#<words>` (a heading or step-table
 * header containing the words) or `<doc>#<words>~<words>` (a line under it containing the
 * second words). A doc id ending in `*` is a prefix. Words match whatever their case.
 */
export function findPlaces(docs: Doc[], ref: string): string[] {
  const [doc = '', rest] = splitOnce(ref, '#');
  const [place, line] = rest === undefined ? [undefined, undefined] : splitOnce(rest, '~');
  const wanted = doc.endsWith('*') ? (id: string) => id.startsWith(doc.slice(0, -1)) : (id: string) => id === doc;
  return docs
    .filter((d) => wanted(d.id))
    .flatMap((d) => {
      if (place === undefined) return [d.title];
      const lines = d.body.split('\n');
      return lines.flatMap((_, i) => {
        const head = headingOf(lines, i);
        if (head === null || !contains(head, place)) return [];
        if (line !== undefined && !scopeOf(lines, i).some((l) => contains(l, line))) return [];
        return [head === d.title ? d.title : `${d.title}: ${head}`];
      });
    });
}

/** The text of a heading, or of a step table's header (its second cell, up to a colon); null for other lines. */
function headingOf(lines: string[], i: number): string | null {
  const text = lines[i] ?? '';
  const heading = /^#{1,6}\s+(.+?)\s*$/.exec(text);
  if (heading) return readableText(heading[1] ?? '').trim();
  const header = /^\|\s*\|\s*([^|]+?)\s*\|/.exec(text);
  if (header && /^\|[-\s|:]+$/.test(lines[i + 1] ?? '')) return readableText(header[1] ?? '').replace(/:.*$/, '');
  return null;
}

/** The lines a heading or a table header governs: up to the next heading, or to the end of the table. */
function scopeOf(lines: string[], i: number): string[] {
  const table = !(lines[i] ?? '').startsWith('#');
  const end = lines.findIndex((l, j) => j > i && (table ? !l.startsWith('|') : /^#{1,6}\s/.test(l)));
  return lines.slice(i + 1, end < 0 ? undefined : end);
}

function contains(text: string, words: string): boolean {
  return text.toLowerCase().includes(words.toLowerCase());
}

function splitOnce(text: string, sep: string): [string, string | undefined] {
  const at = text.indexOf(sep);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

/**
 * The texts a path reaches in the model (coverage.yaml's comment): `a.b` walks fields and lists,
 * `list[field]` keeps entries whose field is set, `list[field=value]` those whose field equals it.
 */
export function namesAt(model: Model, path: string): string[] {
  let values: unknown[] = [model];
  for (const segment of path.split('.')) {
    const m = /^([A-Za-z]+)(?:\[([A-Za-z]+)(?:=([^\]]*))?\])?$/.exec(segment);
    if (!m) throw new Error(`coverage.yaml: "${segment}" of the path "${path}" is not a field or field[filter]`);
    const [, key = '', field, value] = m;
    values = values
      .flatMap((v) => spread(isRecord(v) ? v[key] : undefined))
      .filter((v) => field === undefined || (isRecord(v) && matches(v[field], value)));
  }
  const texts = values.flatMap(spread).filter((v): v is string => typeof v === 'string' && v !== '');
  return [...new Set(texts)];
}

function spread(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function matches(value: unknown, wanted: string | undefined): boolean {
  if (wanted !== undefined) return String(value) === wanted;
  return value !== undefined && value !== null && value !== false && value !== '' && spread(value).length > 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
