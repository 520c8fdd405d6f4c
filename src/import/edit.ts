import { Document, isMap, isSeq, parse, parseDocument, Scalar } from 'yaml';
import type { Node as YamlNode, YAMLSeq } from 'yaml';
import { same, UserError } from '../shared/index.ts';
import type { Kind } from './mapping.ts';

// The import edits plan.yaml as text: only the entries it adds or updates are written by irplan, so
// every comment, blank line and alignment elsewhere stays exactly as the consultant wrote it.

const YAML_OPTS = { version: '1.2', schema: 'core', merge: false } as const;

interface Edit {
  at: number;
  end: number;
  text: string;
}

/** Writes `entries` as the section `kind` of plan.yaml, rewriting only the entries at `changed` indexes. */
export function editSection(
  file: string,
  text: string,
  kind: Kind,
  entries: Record<string, unknown>[],
  changed: Set<number>,
): string {
  const doc = parseDocument(text, YAML_OPTS);
  const seq = doc.get(kind, true) as YamlNode | undefined;
  const nl = text.includes('\r\n') ? '\r\n' : '\n';
  let edits: Edit[];
  if (seq === undefined) {
    const items = entries.map((e) => `  - ${entryText(e, 4, nl)}${nl}`).join('');
    const lead = text === '' || text.endsWith('\n') ? '' : nl;
    edits = [{ at: text.length, end: text.length, text: `${lead}${kind}:${nl}${items}` }];
  } else if (!isSeq(seq) || (seq.flow && seq.items.length > 0) || !seq.range) {
    throw new UserError('IRP_IMPORT_EDIT', `${kind}: is not a block list that import can edit`, {
      position: { file, line: 1, col: 1 },
      hint: `write ${kind}: as a list with one "- id: ..." entry per line block`,
    });
  } else edits = seqEdits(text, seq, entries, changed, nl);
  const edited = edits.sort((a, b) => b.at - a.at).reduce((t, e) => t.slice(0, e.at) + e.text + t.slice(e.end), text);
  verify(file, text, edited, kind, entries);
  return edited;
}

function seqEdits(text: string, seq: YAMLSeq, entries: Record<string, unknown>[], changed: Set<number>, nl: string) {
  const edits: Edit[] = [];
  const items = seq.items as YamlNode[];
  for (const i of changed) {
    const node = items[i];
    if (!node?.range) continue;
    const col = node.range[0] - (text.lastIndexOf('\n', node.range[0] - 1) + 1);
    // A block mapping's range runs on to the next item: the entry ends at its last written character.
    const end = node.range[0] + text.slice(node.range[0], node.range[1]).trimEnd().length;
    edits.push({ at: node.range[0], end, text: entryText(entries[i] ?? {}, col, nl) });
  }
  const added = entries.slice(items.length);
  if (added.length === 0) return edits;
  const last = items.at(-1);
  if (!last?.range || seq.flow) {
    // An empty flow list ([]) becomes a block list under its key.
    const range = seq.range as [number, number, number];
    const body = added.map((e) => `${nl}  - ${entryText(e, 4, nl)}`).join('');
    return [...edits, { at: range[0], end: range[1], text: body }];
  }
  const lineStart = text.lastIndexOf('\n', last.range[0] - 1) + 1;
  const prefix = text.slice(lineStart, last.range[0]);
  const dash = /^\s*-\s+$/.test(prefix) ? prefix : '  - ';
  const eol = text.indexOf('\n', last.range[1] - 1);
  const at = eol === -1 ? text.length : eol + 1;
  const lead = eol === -1 ? nl : '';
  const body = added.map((e) => `${dash}${entryText(e, dash.length, nl)}${nl}`).join('');
  return [...edits, { at, end: at, text: `${lead}${body}` }];
}

/** One entry as a block mapping indented by `col`; phones and source on one line each, numbers quoted. */
function entryText(entry: Record<string, unknown>, col: number, nl: string): string {
  const doc = new Document(entry, YAML_OPTS);
  const root = doc.contents;
  if (isMap(root))
    for (const pair of root.items) {
      const key = String((pair.key as Scalar).value);
      if (key === 'source' && isMap(pair.value)) pair.value.flow = true;
      if ((key === 'groups' || key === 'roles' || key === 'services' || key === 'data') && isSeq(pair.value))
        pair.value.flow = true;
      if (key === 'phones' && isSeq(pair.value))
        for (const phone of pair.value.items)
          if (isMap(phone)) {
            phone.flow = true;
            const n = phone.get('number', true);
            if (n instanceof Scalar) n.type = Scalar.QUOTE_DOUBLE;
          }
    }
  // The examples pad flow mappings ({ number: ... }) but not flow lists ([staff]); each is on one line.
  const lines = doc
    .toString({ lineWidth: 0, flowCollectionPadding: false })
    .trimEnd()
    .split('\n')
    .map((l) => l.replace(/^(\s*(?:- |[a-z_]+: ))\{(.*)\}$/, '$1{ $2 }'));
  return lines.map((l, i) => (i === 0 ? l : `${' '.repeat(col)}${l}`)).join(nl);
}

/** The edited file must mean the old one with the new section, nothing else. */
function verify(file: string, before: string, after: string, kind: Kind, entries: Record<string, unknown>[]): void {
  const expected = { ...((parse(before, YAML_OPTS) as Record<string, unknown> | null) ?? {}), [kind]: entries };
  if (!same(parse(after, YAML_OPTS), expected))
    throw new UserError('IRP_IMPORT_EDIT', 'import could not edit the plan without changing something else', {
      position: { file, line: 1, col: 1 },
      hint: 'report the layout of the plan that confused import; meanwhile add the entries by hand',
    });
}
