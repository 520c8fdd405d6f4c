import { lstatSync, readdirSync, readFileSync, existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments } from 'yaml';
import type { Node as YamlNode } from 'yaml';
import { UserError } from '../shared/index.ts';
import type { Position } from '../shared/index.ts';

/** Plans are small; a larger file is refused before the parser sees it. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
/** Deeper nesting than this is never a real plan and would only exhaust the stack. */
const MAX_DEPTH = 32;
const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;
const CORE_TAGS = new Set([
  'tag:yaml.org,2002:str',
  'tag:yaml.org,2002:int',
  'tag:yaml.org,2002:float',
  'tag:yaml.org,2002:bool',
  'tag:yaml.org,2002:null',
  'tag:yaml.org,2002:map',
  'tag:yaml.org,2002:seq',
]);
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** A JSON-pointer-like path ("contacts/0/phones/0") to where its value was written. */
export type PositionMap = Map<string, Position>;

/** One parsed YAML file: its plain data and where each value came from. */
export interface LoadedFile {
  file: string;
  data: Record<string, unknown>;
  positions: PositionMap;
  /** Positions of keys, so "unknown key" errors point at the key itself. */
  keyPositions: PositionMap;
}

/** A client's files merged over the MSP defaults, with positions kept for every value. */
export interface ClientSource {
  slug: string;
  dir: string;
  files: string[];
  data: Record<string, unknown>;
  positions: PositionMap;
  keyPositions: PositionMap;
}

/** Lists client slugs: every folder under plans/ holding a plan.yaml. */
export function listClients(plansDir: string): string[] {
  if (!existsSync(plansDir)) return [];
  return readdirSync(plansDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(plansDir, d.name, 'plan.yaml')))
    .map((d) => d.name)
    .sort();
}

/** Checks that a slug is a plain folder name inside plans/, never a path out of it. */
export function checkSlug(plansDir: string, slug: string): UserError | undefined {
  const where: Position = { file: join(plansDir, slug), line: 1, col: 1 };
  if (!SLUG.test(slug)) {
    // The name came from the command line; joining it to plans/ could point anywhere, so name plans/.
    return new UserError('IRP_SLUG', `"${slug}" is not a valid client name`, {
      position: { file: plansDir, line: 1, col: 1 },
      hint: 'use lower-case letters, digits and dashes, like "northwind-logistics"',
    });
  }
  const dir = join(plansDir, slug);
  if (!existsSync(join(dir, 'plan.yaml'))) {
    return new UserError('IRP_NO_CLIENT', `no plan for client "${slug}"`, {
      position: where,
      hint: `create it with: npx irplan new ${slug}`,
    });
  }
  if (lstatSync(dir).isSymbolicLink()) {
    return new UserError('IRP_SYMLINK', `plans/${slug} is a symbolic link`, {
      position: where,
      hint: 'keep plan folders inside the repository as real folders',
    });
  }
  return undefined;
}

/**
 * Whether to record where each value was written. Positions are only read when a file has errors,
 * and recording them costs about a tenth of the parse (a position and a path string per value), so
 * validation first reads without them and reads a broken client again with them (see plans.ts).
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

function readPlanText(file: string): string {
  const pos: Position = { file, line: 1, col: 1 };
  const stat = lstatSync(file);
  if (stat.isSymbolicLink())
    throw new UserError('IRP_SYMLINK', 'the plan file is a symbolic link', {
      position: pos,
      hint: 'keep plan files inside the repository as real files',
    });
  // A folder or a named pipe called plan.yaml would crash or block the read.
  if (!stat.isFile())
    throw new UserError('IRP_NOT_FILE', 'this is not a regular file', {
      position: pos,
      hint: 'plan files are plain YAML text files',
    });
  if (stat.size > MAX_FILE_BYTES) {
    throw new UserError(
      'IRP_FILE_TOO_LARGE',
      `the file is ${stat.size} bytes, over the ${MAX_FILE_BYTES} byte limit for a plan file`,
      { position: pos, hint: 'split large sections into sibling files in the client folder' },
    );
  }
  const bytes = readFileSync(file);
  if (bytes.includes(0))
    throw new UserError('IRP_BINARY', 'the file is binary, not YAML text', {
      position: pos,
      hint: 'save the plan as UTF-8 text',
    });
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (cause) {
    throw new UserError('IRP_ENCODING', 'the file is not valid UTF-8', {
      position: pos,
      hint: 'save the plan as UTF-8 text',
      cause,
    });
  }
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

const YAML_HINTS: Record<string, string> = {
  TAB_AS_INDENT: 'indent with spaces, not tabs',
  DUPLICATE_KEY: 'each key may appear once in a mapping: remove or rename one of them',
  BAD_INDENT: 'line the key up with its siblings',
  MISSING_CHAR: 'close the quote or bracket that was opened',
  BLOCK_AS_IMPLICIT_KEY: 'check the indentation of this entry and the lines just below it',
  MULTILINE_IMPLICIT_KEY: 'a key must fit on one line; check for a missing colon or quote',
  UNEXPECTED_TOKEN: 'check for a stray character or a missing quote',
  KEY_OVER_1024_CHARS: 'keys are short names like "phones"; check for a missing line break or colon',
};

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
    hint:
      YAML_HINTS[e.code] ??
      'fix the YAML syntax at this position; quote values that contain ": " or start with a special character',
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

/** The parser reports an unclosed quote where the line ends; the opening quote is what to fix. */
function errorOffset(e: { code: string; message: string; pos: [number, number] }, text: string): number {
  const quote = /closing (["'])/.exec(e.message)?.[1];
  if (e.code !== 'MISSING_CHAR' || !quote) return e.pos[0];
  const lineStart = text.lastIndexOf('\n', e.pos[0] - 1) + 1;
  const open = text.lastIndexOf(quote, e.pos[0] - 1);
  return open >= lineStart ? open : e.pos[0];
}

/** Turns the YAML tree into plain values, recording each value's position by path when asked to. */
class Walker {
  readonly positions: PositionMap = new Map();
  readonly keyPositions: PositionMap = new Map();
  private readonly at: (offset: number) => Position;
  private readonly text: string;
  private readonly track: boolean;

  constructor(at: (offset: number) => Position, text: string, track: boolean) {
    this.at = at;
    this.text = text;
    this.track = track;
  }

  walk(node: YamlNode | null, path: string, depth: number): unknown {
    if (node === null) return null;
    const offset = node.range?.[0] ?? 0;
    if (this.track) this.positions.set(path, this.at(offset));
    if (depth > MAX_DEPTH)
      throw new UserError('IRP_YAML_DEPTH', 'the YAML nests too deeply to be a plan', {
        position: this.at(offset),
        hint: `plans nest at most ${MAX_DEPTH} levels`,
      });
    if (isAlias(node) || node.anchor) {
      const where = isAlias(node) ? this.at(offset) : this.propPos(node, `&${node.anchor ?? ''}`);
      throw new UserError('IRP_YAML_ALIAS', 'anchors and aliases (&name, *name) are not supported in plan files', {
        position: where,
        hint: 'write the value out in full where it is needed',
      });
    }
    if (node.tag && !CORE_TAGS.has(node.tag)) {
      throw new UserError('IRP_YAML_TAG', `the tag ${node.tag.replace('tag:yaml.org,2002:', '!!')} is not allowed`, {
        position: this.propPos(node, '!'),
        hint: 'remove the tag: plan values are plain strings, numbers, booleans, lists and mappings',
      });
    }
    if (isScalar(node)) return node.value;
    if (isSeq(node))
      return node.items.map((item, i) =>
        this.walk(item as YamlNode, this.track ? join2(path, String(i)) : '', depth + 1),
      );
    if (isMap(node)) return this.walkMap(node.items, path, depth);
    throw new UserError('IRP_YAML', 'unsupported YAML node', {
      position: this.at(offset),
      hint: 'use plain values, lists and mappings',
    });
  }

  /** Tags and anchors are written before the value, on its line or the one above; the node's range starts at the value. */
  private propPos(node: YamlNode, marker: string): Position {
    const start = node.range?.[0] ?? 0;
    const lineStart = this.text.lastIndexOf('\n', start - 1) + 1;
    const from = lineStart === 0 ? 0 : this.text.lastIndexOf('\n', lineStart - 2) + 1;
    let i = this.text.lastIndexOf(marker, start);
    if (i < from) return this.at(start);
    while (marker === '!' && this.text[i - 1] === '!') i--;
    return this.at(i);
  }

  private walkMap(items: unknown[], path: string, depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const pair of items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as YamlNode | null;
      const key = this.keyOf(keyNode);
      if (!this.track) {
        out[key] = this.walk(pair.value as YamlNode | null, '', depth + 1);
        continue;
      }
      const keyPos = this.at(keyNode?.range?.[0] ?? 0);
      const childPath = join2(path, key);
      this.keyPositions.set(childPath, keyPos);
      out[key] = this.walk(pair.value as YamlNode | null, childPath, depth + 1);
      // `name:` with nothing after it: point at the key, not at the empty spot after the colon.
      if (isEmptyNode(pair.value)) this.positions.set(childPath, keyPos);
    }
    return out;
  }

  private keyOf(keyNode: YamlNode | null): string {
    // Computed only for an error: most keys are fine.
    const pos = () => this.at(keyNode?.range?.[0] ?? 0);
    if (!isScalar(keyNode) || keyNode.value === null || typeof keyNode.value === 'object') {
      throw new UserError('IRP_YAML_KEY', 'keys must be plain words', {
        position: pos(),
        hint: 'write keys like "name:" or "phones:"',
      });
    }
    const key = String(keyNode.value);
    if (key === '<<')
      throw new UserError('IRP_YAML_MERGE', 'merge keys (<<) are not supported in plan files', {
        position: pos(),
        hint: 'write the values out in full',
      });
    if (FORBIDDEN_KEYS.has(key))
      throw new UserError('IRP_YAML_KEY', `the key "${key}" is not allowed`, {
        position: pos(),
        hint: 'remove it: it is not part of the plan format',
      });
    if (key.length > 100)
      throw new UserError('IRP_YAML_KEY', `a key of ${key.length} characters is not part of the plan format`, {
        position: pos(),
        hint: 'keys are short names like "phones"; check the indentation',
      });
    return key;
  }
}

function isEmptyNode(node: unknown): boolean {
  if (node === null || node === undefined) return true;
  return (
    isScalar(node) &&
    node.value === null &&
    node.range !== undefined &&
    node.range !== null &&
    node.range[0] === node.range[1]
  );
}

/** Joins path segments; the root is the empty path. */
export function join2(path: string, key: string): string {
  return path === '' ? key : `${path}/${key}`;
}

/** Reads a client's folder and merges it over the MSP defaults. Errors from every file are collected. */
export function loadClient(
  plansDir: string,
  slug: string,
  defaults: LoadedFile | undefined,
  options: LoadOptions = {},
): { source?: ClientSource; errors: UserError[] } {
  const dir = resolve(plansDir, slug);
  const files = clientFiles(dir);
  const errors: UserError[] = [];
  const parts: LoadedFile[] = [];
  for (const file of files) {
    try {
      parts.push(loadYamlFile(file, options));
    } catch (err) {
      if (err instanceof UserError) errors.push(err);
      else throw err;
    }
  }
  if (errors.length > 0) return { errors };
  const combined = combineFiles(parts, errors);
  if (errors.length > 0) return { errors };
  const merged = defaults ? mergeLayers(defaults, combined, options) : combined;
  return { source: { slug, dir, files, ...merged }, errors };
}

/** plan.yaml first, then sibling YAML files in name order. */
function clientFiles(dir: string): string[] {
  const names = readdirSync(dir)
    .filter((n) => /\.ya?ml$/.test(n) && n !== 'plan.yaml')
    .sort();
  return ['plan.yaml', ...names].map((n) => join(dir, n));
}

type Layer = Omit<LoadedFile, 'file'>;

/** A client's sibling files each hold whole top-level sections; a section may live in one file only. */
function combineFiles(parts: LoadedFile[], errors: UserError[]): Layer {
  const out: Layer = { data: {}, positions: new Map(), keyPositions: new Map() };
  for (const part of parts) {
    for (const [key, value] of Object.entries(part.data)) {
      if (key in out.data) {
        errors.push(
          new UserError(
            'IRP_DUPLICATE_SECTION',
            `the section "${key}" is also in ${basename(out.keyPositions.get(key)?.file ?? 'another file')}`,
            { position: part.keyPositions.get(key), hint: 'keep each top-level section in one file' },
          ),
        );
        continue;
      }
      out.data[key] = value;
    }
    for (const [p, pos] of part.positions) if (p !== '' && !out.positions.has(p)) out.positions.set(p, pos);
    for (const [p, pos] of part.keyPositions) if (!out.keyPositions.has(p)) out.keyPositions.set(p, pos);
  }
  return out;
}

/**
 * Merges the client over the MSP defaults: mappings key by key with the client winning,
 * the MSP's contacts appended to the client's, any other list replaced by the client's.
 */
export function mergeLayers(base: Layer, top: Layer, options: LoadOptions = {}): Layer {
  const moves = new Map<string, string>();
  const data = mergeValue(base.data, top.data, '', moves) as Record<string, unknown>;
  if (options.positions === false) return { data, positions: new Map(), keyPositions: new Map() };
  // Every value of the client's layer keeps its path. Of the MSP's layer, only the subtrees that
  // were used are carried over, under their new paths: one pass over its positions, not one per subtree.
  const positions: PositionMap = new Map(top.positions);
  const keyPositions: PositionMap = new Map(top.keyPositions);
  for (const [from, into] of [
    [base.positions, positions],
    [base.keyPositions, keyPositions],
  ] as const) {
    for (const [p, pos] of from) {
      const to = movedPath(p, moves);
      if (to !== undefined && !into.has(to)) into.set(to, pos);
    }
  }
  return { data, positions, keyPositions };
}

/** Merges one value; records in `moves` each subtree of the MSP's layer that was used, and where it went. */
function mergeValue(b: unknown, t: unknown, path: string, moves: Map<string, string>): unknown {
  if (t === undefined) {
    moves.set(path, path);
    return b;
  }
  if (isPlainObject(b) && isPlainObject(t)) {
    const out: Record<string, unknown> = {};
    for (const key of new Set([...Object.keys(b), ...Object.keys(t)]))
      out[key] = mergeValue(b[key], t[key], join2(path, key), moves);
    return out;
  }
  if (path === 'contacts' && Array.isArray(b) && Array.isArray(t)) {
    b.forEach((_, i) => moves.set(join2(path, String(i)), join2(path, String(t.length + i))));
    return [...t, ...b];
  }
  return t;
}

/** Where a path of the MSP's layer ended up: under its nearest moved ancestor (or itself), else nowhere. */
function movedPath(p: string, moves: Map<string, string>): string | undefined {
  for (let at = p; ; ) {
    const to = moves.get(at);
    if (to !== undefined) return to + p.slice(at.length);
    if (at === '') return undefined;
    const cut = at.lastIndexOf('/');
    at = cut < 0 ? '' : at.slice(0, cut);
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
