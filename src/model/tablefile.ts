import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Node } from 'yaml';
import { oneLine, TOOL_ROOT, UserError } from '../shared/index.ts';
import type { Position } from '../shared/index.ts';

/** A field's kind: text, a list of texts, a number, or a match rule; `?` marks it optional. */
type Field = 'text' | 'texts' | 'number' | 'match';

/** One table: its file under templates/data/ and the fields every entry must have. */
export interface Shape {
  file: string;
  fields: Record<string, Field | `${Field}?`>;
}

const MATCH_KEYS = ['os', 'services', 'kind', 'data', 'criticality', 'flags'];

const WANTED: Record<Field, string> = {
  text: 'text',
  texts: 'a list of texts, like [a, b]',
  number: 'a number',
  match: `a mapping of lists (${MATCH_KEYS.join(', ')})`,
};

/** Reads one table as a list of entries, each checked against the shape. Extra fields are kept. */
export function readTable(templatesDir: string, shape: Shape): unknown[] {
  const file = join(templatesDir, 'data', shape.file);
  const lineCounter = new LineCounter();
  const doc = parseDocument(readText(file, shape), { lineCounter, prettyErrors: false });
  const at = (node: Node | null | undefined): Position => {
    const p = lineCounter.linePos(node?.range?.[0] ?? 0);
    return { file, line: p.line, col: p.col };
  };
  const fail = (message: string, node: Node | null | undefined) =>
    new UserError('IRP_TABLE', `${shape.file}: ${message}`, { position: at(node), hint: hintFor(shape) });
  const syntax = doc.errors[0];
  if (syntax) {
    const p = lineCounter.linePos(syntax.pos[0]);
    throw new UserError('IRP_TABLE', `${shape.file}: YAML syntax: ${oneLine(syntax.message.split('\n')[0] ?? '')}`, {
      position: { file, line: p.line, col: p.col },
      hint: hintFor(shape),
    });
  }
  if (!isSeq(doc.contents)) throw fail('the table must be a list of entries ("- id: ...")', doc.contents);
  const entries = doc.toJS() as unknown[];
  for (const [i, node] of doc.contents.items.entries()) checkEntry(entries[i], node as Node, i + 1, shape, fail);
  return entries;
}

function readText(file: string, shape: Shape): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (cause) {
    const code = (cause as { code?: unknown }).code;
    const missing = code === 'ENOENT';
    throw new UserError('IRP_TABLE', `the table ${shape.file} ${missing ? 'is missing' : `cannot be read (${code})`}`, {
      position: { file, line: 1, col: 1 },
      hint: hintFor(shape),
      cause,
    });
  }
}

/** A templates/ folder of the consultant's own replaces irplan's, tables included. */
function hintFor(shape: Shape): string {
  const own = join(TOOL_ROOT, 'templates', 'data', shape.file);
  return `compare with irplan's own ${own}; a templates/ folder of your own needs every table in its data/ folder`;
}

function checkEntry(
  entry: unknown,
  node: Node,
  n: number,
  shape: Shape,
  fail: (message: string, node: Node | null | undefined) => UserError,
): void {
  if (!isMap(node) || typeof entry !== 'object' || entry === null)
    throw fail(`entry ${n} must be a mapping of fields ("id: ...")`, node);
  const values = entry as Record<string, unknown>;
  for (const [name, spec] of Object.entries(shape.fields)) {
    const kind = spec.replace('?', '') as Field;
    const value = values[name];
    // An optional field left empty (`first:`) reads as absent, as the model treats it.
    if (value === undefined || (value === null && spec.endsWith('?'))) {
      if (spec.endsWith('?')) continue;
      throw fail(`entry ${n} is missing the required field \`${name}\``, node);
    }
    if (!fits(kind, value)) throw fail(`\`${name}\` of entry ${n} must be ${WANTED[kind]}`, valueNode(node, name));
  }
}

function fits(kind: Field, value: unknown): boolean {
  if (kind === 'text') return typeof value === 'string';
  if (kind === 'number') return typeof value === 'number' && Number.isFinite(value);
  if (kind === 'texts') return isTexts(value);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return Object.entries(value).every(([k, v]) => MATCH_KEYS.includes(k) && isTexts(v));
}

function isTexts(value: unknown): boolean {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

function valueNode(node: Node, name: string): Node | null | undefined {
  return isMap(node) ? (node.get(name, true) as Node | undefined) : node;
}
