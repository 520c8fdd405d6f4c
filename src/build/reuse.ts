import {
  copyFileSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import type { Numbering } from '../pdf/index.ts';
import { partFile } from '../pdf/index.ts';

// Document-level reuse: each PDF's print input is hashed (src/pdf/fingerprint.ts) and recorded
// beside the client's outputs. When a rebuilt client's document hashes as it did, the previous PDF
// is linked into the new output instead of printed: same bytes, same mtime. --force prints all.

/** The record beside a client's outputs: each printed file (pdf/<file>, site-pdf/<file>, docx/<file>) and its input hash. */
const RECORD = '.irplan-prints.json';

/** Printed files by their path in the staged output, and the hash of what they were printed from. */
export type PrintRecord = Record<string, string>;

/** The record of a client's previous build; empty when there is none or it is unreadable. */
export function readPrintRecord(dir: string): PrintRecord {
  return readRecord(join(dir, RECORD), (v): v is string => typeof v === 'string');
}

/** A JSON object's entries whose values pass `valid`; empty when the file is missing or unreadable. */
function readRecord<T>(file: string, valid: (v: unknown) => v is T): Record<string, T> {
  try {
    const found: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (typeof found !== 'object' || found === null) return {};
    return Object.fromEntries(Object.entries(found).filter((e): e is [string, T] => valid(e[1])));
  } catch {
    return {};
  }
}

/** Writes the record of this build's prints beside its outputs, in a stable order. */
export function writePrintRecord(dir: string, record: PrintRecord): void {
  const sorted = Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
  writeFileSync(join(dir, RECORD), `${JSON.stringify(sorted, null, 1)}\n`);
}

/**
 * The record of each binder's numbering (src/pdf/numbered.ts): the next build writes these page
 * numbers in before it prints, and prints once instead of twice while they still hold.
 */
const NUMBERING = '.irplan-numbering.json';
/** Where a client's binders keep their parts between builds (src/pdf/parts.ts). */
export const PARTS = '.irplan-parts';
/** Where a client's Word binder keeps its sections' Word XML between builds (src/docx/fragment.ts). */
export const FRAGMENTS = '.irplan-word';

/** Binders' numberings by their path in the staged output. */
export type NumberingRecord = Record<string, Numbering>;

/** The numberings of a client's previous build; empty when there are none or the file is unreadable. */
export function readNumberingRecord(dir: string): NumberingRecord {
  return readRecord(join(dir, NUMBERING), isNumbering);
}

function isNumbering(v: unknown): v is Numbering {
  if (typeof v !== 'object' || v === null) return false;
  const { outline, pageCount } = v as Partial<Numbering>;
  return (
    typeof pageCount === 'number' &&
    Array.isArray(outline) &&
    outline.every(
      (e: { title?: unknown; page?: unknown } | null) => typeof e?.title === 'string' && typeof e.page === 'number',
    )
  );
}

/** Writes this build's numberings beside its outputs, in a stable order; none, no file. */
export function writeNumberingRecord(dir: string, record: NumberingRecord): void {
  const entries = Object.entries(record).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return;
  writeFileSync(
    join(dir, NUMBERING),
    `${JSON.stringify(Object.fromEntries(entries))}
`,
  );
}

/** Adds one file's input hash to the record being staged in `dir` (the Word binder's, after the prints). */
export function addToRecord(dir: string, rel: string, hash: string): void {
  writePrintRecord(dir, { ...readPrintRecord(dir), [rel]: hash });
}

/**
 * Where the previous build keeps a printed file: the site audience's copies (site-pdf/) were
 * published into site/pdf/ and the staging folder removed.
 */
export function previousFile(previousDir: string, rel: string): string {
  return rel.startsWith('site-pdf/')
    ? join(previousDir, 'site', 'pdf', rel.slice('site-pdf/'.length))
    : join(previousDir, rel);
}

/**
 * Puts the previous build's file at `out`: a hard link (the staging folder is on the same disk as
 * dist/), else a copy with its times. False when there is no such file, so the document is printed.
 */
export function keepPrevious(previous: string, out: string): boolean {
  if (!existsSync(previous)) return false;
  try {
    linkSync(previous, out);
  } catch {
    const stat = statSync(previous);
    copyFileSync(previous, out);
    utimesSync(out, stat.atime, stat.mtime);
  }
  return true;
}

/** A binder kept from the previous build keeps its parts in the store, for the build that next prints it. */
export function keepBinderParts(previousDir: string, final: string, keys: string[] | undefined): void {
  if (!keys?.length) return;
  mkdirSync(join(final, PARTS), { recursive: true });
  for (const key of keys) {
    const out = partFile(join(final, PARTS), key);
    if (!existsSync(out)) keepPrevious(partFile(join(previousDir, PARTS), key), out);
  }
}

/** A Word binder kept from the previous build keeps its fragments: the previous store holds only its own. */
export function keepFragments(previousDir: string, final: string): void {
  const store = join(previousDir, FRAGMENTS);
  if (!existsSync(store)) return;
  mkdirSync(join(final, FRAGMENTS), { recursive: true });
  for (const name of readdirSync(store)) keepPrevious(join(store, name), join(final, FRAGMENTS, name));
}

/**
 * Before the swap: every staged file whose bytes equal the previous build's file at the same path
 * becomes a link to that file, so site pages, the Word binder and copies keep their mtimes and a
 * deploy by modification time sends only what changed.
 */
export function keepUnchangedFiles(final: string, previousDir: string): void {
  if (!existsSync(previousDir)) return;
  for (const rel of readdirSync(final, { recursive: true, encoding: 'utf8' })) {
    const staged = join(final, rel);
    const previous = join(previousDir, rel);
    if (!sameBytes(staged, previous)) continue;
    const temp = `${staged}.keep`;
    try {
      linkSync(previous, temp);
      renameSync(temp, staged);
    } catch {
      // A file system without hard links: the new copy stays, only its mtime is new.
      rmSync(temp, { force: true });
    }
  }
}

/** True when both are files of the same bytes (and not already one file). */
function sameBytes(a: string, b: string): boolean {
  const sa = lstatSync(a, { throwIfNoEntry: false });
  const sb = lstatSync(b, { throwIfNoEntry: false });
  if (!sa?.isFile() || !sb?.isFile() || sa.size !== sb.size || sa.ino === sb.ino) return false;
  return readFileSync(a).equals(readFileSync(b));
}
