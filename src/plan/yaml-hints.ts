// How to fix a YAML syntax error, chosen by the `yaml` library's error code and, where one code
// covers different mistakes (MISSING_CHAR is an unclosed quote, a missing comma, a list item
// without its dash ...), by its message. A hint that names the wrong mistake is worse than none.

/** One hint: the error code it answers, the message it is limited to (if any), and the words. */
interface YamlHint {
  code: string;
  message?: RegExp;
  hint: string | ((line: string, next: number) => string);
}

const HINTS: YamlHint[] = [
  { code: 'TAB_AS_INDENT', hint: 'indent with spaces, not tabs' },
  { code: 'DUPLICATE_KEY', hint: 'each key may appear once in a mapping: remove or rename one of them' },
  {
    code: 'BAD_INDENT',
    message: /^Flow sequence/,
    hint: 'close the list with "]" (a list in [ ] may span lines only if they are indented deeper than its key)',
  },
  {
    code: 'BAD_INDENT',
    message: /^Flow map/,
    hint: 'close the mapping with "}" (a mapping in { } may span lines only if they are indented deeper than its key)',
  },
  { code: 'BAD_INDENT', message: /sequence items/, hint: 'line this "- " up with the other items of the list' },
  { code: 'BAD_INDENT', hint: 'line this key up with the other keys of its mapping: the same number of spaces' },
  {
    code: 'MISSING_CHAR',
    message: /closing ["']quote/,
    hint: 'close the quote that was opened here, on the same value',
  },
  {
    code: 'MISSING_CHAR',
    message: /without - indicator/,
    hint: 'this line is indented less than the keys of the entry above: line it up with them, or start a new item with "- "',
  },
  {
    code: 'MISSING_CHAR',
    message: /followed by map values/,
    hint: 'add ":" after the key, or line this text up with the value it continues',
  },
  {
    code: 'MISSING_CHAR',
    message: /Missing ,|Missing , or :/,
    hint: 'separate the items inside [ ] or { } with commas',
  },
  { code: 'MISSING_CHAR', message: /space after :/, hint: 'put a space after the colon: "key: value"' },
  {
    code: 'MISSING_CHAR',
    message: /Comments must be separated/,
    hint: 'put a space before "#", or quote a value that contains " #"',
  },
  { code: 'BLOCK_AS_IMPLICIT_KEY', message: /Nested mappings/, hint: nestedMapping },
  { code: 'BLOCK_AS_IMPLICIT_KEY', hint: 'check the indentation of this entry and the lines just below it' },
  {
    code: 'MULTILINE_IMPLICIT_KEY',
    hint: 'a key must fit on one line: add the missing ":" after it, or quote a value that runs over several lines',
  },
  { code: 'UNEXPECTED_TOKEN', hint: 'check for a stray character or a missing quote' },
  {
    code: 'BAD_SCALAR_START',
    hint: 'quote a value that starts with @, ` or another sign YAML reserves, e.g. "@support"',
  },
  {
    code: 'BAD_DQ_ESCAPE',
    hint: 'in double quotes a backslash starts an escape: write \\\\ for one backslash, or use single quotes',
  },
  { code: 'KEY_OVER_1024_CHARS', hint: 'keys are short names like "phones"; check for a missing line break or colon' },
];

const FALLBACK =
  'fix the YAML syntax at this position; quote values that contain ": " or start with a special character';

/**
 * "Nested mappings are not allowed in compact mappings" means a value holding ": " (`title: CEO:
 * Finance`), or a key below indented deeper than its siblings. The error's line tells which.
 */
function nestedMapping(line: string, next: number): string {
  if (/:\s/.test(line.replace(/^\s*(- )?[^:]*:\s/, '')))
    return 'quote a value that contains ": ", e.g. title: "CEO: Finance"';
  return `line ${next} is indented deeper than the keys above it: line it up with them`;
}

/** The hint for a parser error, from its code and message and the text around its offset. */
export function yamlHint(e: { code: string; message: string }, text: string, offset: number): string {
  const found = HINTS.find((h) => h.code === e.code && (!h.message || h.message.test(e.message)));
  if (!found) return FALLBACK;
  if (typeof found.hint === 'string') return found.hint;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lineEnd = text.indexOf('\n', offset);
  const line = text.slice(lineStart, lineEnd < 0 ? undefined : lineEnd);
  return found.hint(line, nextLine(text, offset));
}

/** The number (1-based) of the first non-blank line after the one holding `offset`. */
function nextLine(text: string, offset: number): number {
  const lines = text.split('\n');
  const at = text.slice(0, offset).split('\n').length;
  for (let i = at; i < lines.length; i++) if ((lines[i] ?? '').trim() !== '') return i + 1;
  return at + 1;
}
