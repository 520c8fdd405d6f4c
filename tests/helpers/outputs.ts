import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { strFromU8, unzipSync } from 'fflate';
import { tool } from './cli.ts';

/** Every file under `dir`, relative paths. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name).slice(dir.length + 1))
    .sort();
}

/**
 * The text a reader or a search could get out of a file: PDFs through pdftotext, Pagefind's
 * gzipped index and fragments unpacked, a Word file's parts unzipped (its XML, as Word reads it),
 * everything else as bytes read as UTF-8.
 */
export function readableText(file: string): string {
  const bytes = readFileSync(file);
  // A PDF's metadata sits in its raw bytes, its text behind compressed streams: read both.
  if (extname(file) === '.pdf') return `${tool('pdftotext', [file, '-'])}\n${bytes.toString('latin1')}`;
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return gunzipSync(bytes).toString('utf8');
  if (extname(file) === '.docx')
    return Object.values(unzipSync(bytes))
      .map((part) => strFromU8(part))
      .join('\n');
  return bytes.toString('utf8');
}
