import { closest, UserError } from '../shared/index.ts';
import { HelperError } from './args.ts';
import { HELPER_NAMES } from './helpers.ts';
import type { TemplateFile } from './template.ts';

/** The part of a template (or partial) an error is placed in: its file, body and the line the body starts at. */
type Source = Pick<TemplateFile, 'file' | 'body' | 'bodyLine'>;

/** Something failed inside a partial: its own file is where the error is, not the including template's. */
export class PartialFailure extends Error {
  readonly source: Source;

  constructor(partial: { file: string; body: string }, cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = 'PartialFailure';
    this.source = { ...partial, bodyLine: 0 };
  }
}

/**
 * Handlebars reports "... - 3:4" or "Parse error on line 3", and a helper's HelperError carries
 * the call's position; carry that position over to the file (the partial's, when it failed in one).
 */
export function templateError(t: Source, cause: unknown): UserError {
  if (cause instanceof PartialFailure) return templateError(cause.source, cause.cause);
  if (cause instanceof HelperError && cause.loc) return helperError(t, cause, cause.loc);
  const msg = cause instanceof Error ? cause.message : String(cause);
  const lines = msg.split('\n');
  const lc = / - (\d+):(\d+)$/.exec(lines[0] ?? '') ?? /line (\d+)/.exec(msg);
  let line = lc ? Number(lc[1]) : 1;
  let col = lc && lc[2] !== undefined ? Number(lc[2]) + 1 : 1;
  let text = (lines[0] ?? msg).replace(/ - \d+:\d+$/, '');
  let hint = /not defined|missing helper|unknown helper/i.test(msg)
    ? 'check the spelling against the model (see docs/templates.md) and the helper list in src/render/helpers.ts'
    : 'check the Handlebars syntax at this position';
  if (/^Parse error/.test(text)) {
    // The parser's own last line says what it expected; an unexpected end means a block left open.
    text = `Handlebars syntax: ${(lines.at(-1) ?? '').trim()}`;
    const open = /got 'EOF'/.test(msg) ? unclosedBlock(t.body) : undefined;
    if (open) {
      ({ line, col } = open);
      hint = `close the block with {{/${open.name}}}`;
    }
  }
  const helper = /unknown helper ([\w-]+)/.exec(text)?.[1];
  if (helper) {
    const guess = closest(helper, HELPER_NAMES);
    text = `unknown helper "${helper}"`;
    hint = guess
      ? `did you mean \`${guess}\`? helpers: ${HELPER_NAMES.join(', ')}`
      : `helpers: ${HELPER_NAMES.join(', ')}`;
  }
  const partial = /The partial (.+) could not be found/.exec(text)?.[1];
  const partialAt = partial ? findText(t.body, new RegExp(`\\{\\{~?>\\s*${escapeRegExp(partial)}`)) : undefined;
  if (partialAt) {
    // Partials are looked up by name among templates/partials/ only; a name is never a path to read.
    ({ line, col } = partialAt);
    text = `unknown partial "${partial}"`;
    hint = 'partials are the files in templates/partials/, named without .hbs, e.g. {{> call-list}}';
  }
  const reading = !lc ? /reading '([\w-]+)'/.exec(text)?.[1] : undefined;
  const found = reading ? findLookup(t.body, reading) : undefined;
  if (found) {
    // Strict mode throws a bare TypeError, with no position, when a path goes through an undefined value.
    ({ line, col } = found);
    hint =
      'a path in this expression goes through a value that is undefined here; inside {{#each}} and {{else}}, ../ may point elsewhere than expected';
  }
  const expr = mustacheAt(t.body, line, col);
  if (expr && found) text = `${expr} looks up "${reading}" on a value that is undefined here`;
  else if (expr && /not defined/.test(text)) text = `${expr} names something that is not in the model (${text})`;
  return new UserError('IRP_TEMPLATE', text, { position: { file: t.file, line: line + t.bodyLine, col }, hint, cause });
}

/** A helper refused its arguments: the message names the call, the position is the call's own. */
function helperError(t: Source, cause: HelperError, loc: NonNullable<HelperError['loc']>): UserError {
  const line = loc.start.line;
  const col = loc.start.column + 1;
  const expr = mustacheAt(t.body, line, col);
  const text = expr && !cause.message.includes(expr) ? `${expr}: ${cause.message}` : cause.message;
  return new UserError('IRP_TEMPLATE', text, {
    position: { file: t.file, line: line + t.bodyLine, col },
    hint: 'docs/templates.md says what each helper takes and which values of the model are lists, texts, dates and phones',
    cause,
  });
}

/** The last block ({{#each}}, {{#if}}) opened and never closed, for "unexpected end" errors. */
function unclosedBlock(body: string): { line: number; col: number; name: string } | undefined {
  const stack: { line: number; col: number; name: string }[] = [];
  body.split('\n').forEach((text, i) => {
    for (const m of text.matchAll(/\{\{~?\s*([#^/])\s*([\w-]+)/g)) {
      if (m[1] === '/') stack.pop();
      else stack.push({ line: i + 1, col: (m.index ?? 0) + 1, name: m[2] ?? '' });
    }
  });
  return stack.at(-1);
}

/** The first {{ ... }} that looks `name` up through a parent path (../name, ../x.name). */
function findLookup(body: string, name: string): { line: number; col: number } | undefined {
  return findText(body, new RegExp(`\\{\\{[^}]*\\.\\./(?:[\\w-]+\\.)*${escapeRegExp(name)}\\b`));
}

/** The line and column of the first match of `re` in a template body. */
function findText(body: string, re: RegExp): { line: number; col: number } | undefined {
  for (const [i, text] of body.split('\n').entries()) {
    const m = re.exec(text);
    if (m) return { line: i + 1, col: m.index + 1 };
  }
  return undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The {{ ... }} expression at a body position, to name it in the message. */
function mustacheAt(body: string, line: number, col: number): string | undefined {
  const text = body.split('\n')[line - 1] ?? '';
  const start = text.lastIndexOf('{{', col);
  const end = text.indexOf('}}', start);
  return start >= 0 && end > start && end - start < 120 ? text.slice(start, end + 2) : undefined;
}
