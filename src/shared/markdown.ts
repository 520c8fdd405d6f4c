import Handlebars from 'handlebars';

// Client data lands in Markdown, sometimes inside a template's HTML block. Every ASCII punctuation
// character becomes a numeric character reference: CommonMark treats references as literal text
// (they never open a link, an image, emphasis, a table cell or an expression), and in HTML they are
// inert too, so the same escape is safe in both contexts. Line breaks become spaces, so a value can
// never start a heading, a list or a front-matter block.

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this rule removes
const CONTROL = /[\u0000-\u001f\u007f\u2028\u2029]/g;
// Direction marks and overrides can make text read otherwise than it is stored.
const BIDI = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const PUNCT = /[!-/:-@[-`{-~]/g;
// Markdown's own punctuation, for the backslash-escaped form that stays readable as raw text.
const SPECIAL = /[\\`*_{}[\]<>#|~&$]/g;

// GFM turns bare www.x, http://x and a@b.c into links after references are decoded. An invisible
// word joiner (U+2060) inside each trigger keeps the text as it reads while no link can form.
const AUTOLINK = /(www)(\.)|(https?|ftp|mailto|xmpp)(:)|(@)/gi;
const JOINER = '\u2060';

/** Makes any value literal text in Markdown (inline context, including inside template HTML). */
export function escapeMarkdown(value: unknown): string {
  if (value instanceof Handlebars.SafeString) return value.toString();
  return toReferences(breakAutolinks(sanitize(plain(value))));
}

// A web address has no break opportunity of its own: one in a table cell widens the table past the page,
// and Chromium then shrinks the whole document to fit. Printed text wraps each address in a span that may
// break anywhere (print.css, site.css: .url).
const URL_RUN = /(?:https?:\/\/|www\.)[^\s<>"]+/gi;

/** escapeMarkdown for text a reader sees in a page: the same, with each web address free to wrap. */
export function escapeText(value: unknown): string {
  if (value instanceof Handlebars.SafeString || typeof value !== 'string') return escapeMarkdown(value);
  let out = '';
  let at = 0;
  for (const m of value.matchAll(URL_RUN)) {
    out += `${escapeMarkdown(value.slice(at, m.index))}<span class="url">${escapeMarkdown(m[0])}</span>`;
    at = m.index + m[0].length;
  }
  return out + escapeMarkdown(value.slice(at));
}

/** Escapes the text of a link a helper builds; inside a link no autolink can form. */
export function escapeLinkText(value: unknown): string {
  return toReferences(sanitize(plain(value)));
}

/**
 * Makes text literal in GitHub Markdown with backslash escapes instead of references, so the raw
 * Markdown stays readable (a pull-request comment, a terminal): never a link, HTML or a heading.
 */
export function escapeMarkdownReadable(text: string): string {
  return breakAutolinks(sanitize(text)).replace(SPECIAL, (c) => `\\${c}`);
}

function plain(value: unknown): string {
  if (typeof value === 'string') return value;
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}

// Runs before breakAutolinks: removing a direction mark can join the letters of a trigger.
function sanitize(text: string): string {
  return text.replace(CONTROL, ' ').replace(BIDI, '');
}

function breakAutolinks(text: string): string {
  return text.replace(AUTOLINK, (m) => `${m.slice(0, -1)}${JOINER}${m.slice(-1)}`);
}

function toReferences(text: string): string {
  return text.replace(PUNCT, (c) => `&#${c.charCodeAt(0)};`);
}

/** Trusted Markdown built by a helper from escaped parts. */
export function trusted(markdown: string): Handlebars.SafeString {
  return new Handlebars.SafeString(markdown);
}
