import Handlebars from 'handlebars';

// Client data lands in Markdown. Escaping every ASCII punctuation character with a backslash is
// the CommonMark way to make text literal: nothing in a value can open a link, an image, HTML,
// emphasis, a table cell or an expression. Line breaks become spaces, so a value can never start a
// heading, a list or a front-matter block.

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f\u2028\u2029]/g;
const BIDI = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const PUNCT = /[!-/:-@[-`{-~]/g;

/** Makes any value literal text in Markdown (inline context). */
export function escapeMarkdown(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Handlebars.SafeString) return value.toString();
  const text = typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
  return text.replace(CONTROL, ' ').replace(BIDI, '').replace(PUNCT, (c) => `\\${c}`);
}

/** Trusted Markdown built by a helper from escaped parts. */
export function trusted(markdown: string): Handlebars.SafeString {
  return new Handlebars.SafeString(markdown);
}
