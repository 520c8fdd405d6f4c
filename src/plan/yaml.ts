import { isMap, isScalar, LineCounter, parseAllDocuments } from 'yaml';
import { UserError } from '../shared/index.ts';
import type { Position } from '../shared/index.ts';
import { readPlanText } from './files.ts';
import type { PositionMap } from './positions.ts';
import { MAX_DEPTH, Walker } from './walker.ts';
import { yamlHint } from './yaml-hints.ts';

/** One parsed YAML file: its plain data and where each value came from. */
export interface LoadedFile {
  file: string;
  data: Record<string, unknown>;
  positions: PositionMap;
  /** Positions of keys, so "unknown key" errors point at the key itself. */
  keyPositions: PositionMap;
}

/**
 * Whether to record where each value was written. Positions are only read when a file has errors,
 * and recording them costs a position and a path string per value, so validation first reads
 * without them and reads a broken client again with them (see read.ts).
 */
export interface LoadOptions {
  positions?: boolean;
}

/** Reads one YAML file into plain data, refusing anything a plan never needs (tags, aliases, directives). */
export function loadYamlFile(file: string, options: LoadOptions = {}): LoadedFile {
  const text = readPlanText(file);
  const lineCounter = new LineCounter();
  const docs = parseYaml(file, text, lineCounter);
  const at = (offset: number): Position => {
    const p = lineCounter.linePos(offset);
    return { file, line: p.line, col: p.col };
  };
  const first = docs[0];
  if (docs.length > 1) {
    throw new UserError('IRP_YAML_MULTIDOC', 'the file holds more than one YAML document', {
      position: at(docs[1]?.range[0] ?? 0),
      hint: 'remove the "---" separator: one file holds one plan document',
    });
  }
  if (!first) return { file, data: {}, positions: new Map(), keyPositions: new Map() };
  const errors = first.errors.map((e) => yamlError(e, text, at));
  if (errors.length > 0) throw errors[0];
  if (first.directives?.yaml.explicit) {
    throw new UserError('IRP_YAML_DIRECTIVE', `the %YAML ${first.directives.yaml.version} directive is not supported`, {
      position: at(0),
      hint: 'delete the %YAML line: plan files are read as YAML 1.2',
    });
  }
  const walker = new Walker(at, text, options.positions !== false);
  const contents = first.contents;
  if (contents === null || (isScalar(contents) && contents.value === null)) {
    return { file, data: {}, positions: walker.positions, keyPositions: walker.keyPositions };
  }
  if (!isMap(contents)) {
    throw new UserError('IRP_YAML_ROOT', 'the file must be a mapping of sections (client:, plan:, contacts: ...)', {
      position: at(contents.range?.[0] ?? 0),
      hint: 'start the file with "client:" or another top-level section',
    });
  }
  const data = walker.walk(contents, '', 0) as Record<string, unknown>;
  return { file, data, positions: walker.positions, keyPositions: walker.keyPositions };
}

function parseYaml(file: string, text: string, lineCounter: LineCounter) {
  try {
    return parseAllDocuments(text, {
      lineCounter,
      prettyErrors: false,
      uniqueKeys: true,
      version: '1.2',
      schema: 'core',
      strict: true,
      merge: false,
    });
  } catch (cause) {
    // The parser recurses per nesting level; absurd nesting exhausts the stack before our depth check.
    if (cause instanceof RangeError)
      throw new UserError('IRP_YAML_DEPTH', 'the YAML nests too deeply to be a plan', {
        position: { file, line: 1, col: 1 },
        hint: `plans nest at most ${MAX_DEPTH} levels`,
        cause,
      });
    throw cause;
  }
}

/** Wraps a parser error; its offset is mapped through our LineCounter, since prettyErrors is off. */
function yamlError(
  e: { code: string; message: string; pos: [number, number] },
  text: string,
  at: (offset: number) => Position,
): UserError {
  const message = e.message.split('\n')[0]?.replace(/ at line \d+, column \d+.*$/, '') ?? e.message;
  // The parser recurses per nesting level and reports a blown stack as an ordinary error.
  if (/call stack/i.test(message))
    return new UserError('IRP_YAML_DEPTH', 'the YAML nests too deeply to be a plan', {
      position: at(tooDeepOffset(text) ?? e.pos[0]),
      hint: `plans nest at most ${MAX_DEPTH} levels; check for runaway brackets`,
      cause: e,
    });
  return new UserError('IRP_YAML', `YAML syntax: ${message}`, {
    position: at(errorOffset(e, text)),
    hint: yamlHint(e, text, e.pos[0]),
    cause: e,
  });
}

/**
 * Where flow brackets first nest deeper than a plan ever does. The parser's own offset for a blown
 * stack depends on the stack size, so it is not a stable place to point at.
 */
function tooDeepOffset(text: string): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '[' || c === '{') depth++;
    else if ((c === ']' || c === '}') && depth > 0) depth--;
    if (depth > MAX_DEPTH) return i;
  }
  return undefined;
}

/**
 * The parser reports an unclosed quote where the quoted text ends, which may be the end of the file
 * (a quoted value may span lines); the opening quote is what to fix. Nothing after it closes it, so
 * it is the last quote before that point (a single-quoted value's '' is an escaped quote, skipped).
 */
function errorOffset(e: { code: string; message: string; pos: [number, number] }, text: string): number {
  const quote = /closing (["'])/.exec(e.message)?.[1];
  if (e.code !== 'MISSING_CHAR' || !quote) return e.pos[0];
  let open = text.lastIndexOf(quote, e.pos[0] - 1);
  while (quote === "'" && open > 0 && text[open - 1] === "'") open = text.lastIndexOf(quote, open - 2);
  return open >= 0 ? open : e.pos[0];
}
