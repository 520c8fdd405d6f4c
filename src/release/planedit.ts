import { isMap, isScalar, isSeq, parse, parseDocument } from 'yaml';
import type { Node as YamlNode, YAMLMap } from 'yaml';
import { same } from '../shared/index.ts';
import { UserError } from '../shared/index.ts';
import type { Release } from '../plan/index.ts';

// A release edits plan.yaml as text at the source ranges of the values it changes, so every
// comment, blank line and flow list the consultant wrote stays exactly as it was.

interface Edit {
  at: number;
  end: number;
  text: string;
}

const YAML_OPTS = { version: '1.2', schema: 'core', merge: false } as const;

/** What a release records: always who approved it; the summary may be left out (release --as-is). */
type Entry = Release & { approver: string };

/** Sets plan.version (and plan.effective when the plan has one) and prepends the release to plan.history. */
export function editRelease(file: string, text: string, release: Entry): string {
  const doc = parseDocument(text, YAML_OPTS);
  const plan = doc.get('plan', true);
  if (!isMap(plan) || plan.flow) {
    throw new UserError('IRP_RELEASE_EDIT', 'the plan: section is not a block mapping that release can edit', {
      position: { file, line: 1, col: 1 },
      hint: 'write plan: as an indented block (version:, owner:, ... on their own lines)',
    });
  }
  const edits = [
    replaceScalar(plan, 'version', JSON.stringify(release.version), file),
    ...optionalScalar(plan, 'effective', release.date),
    historyEdit(text, plan, entry(release), file),
  ];
  const edited = edits.sort((a, b) => b.at - a.at).reduce((t, e) => t.slice(0, e.at) + e.text + t.slice(e.end), text);
  verify(file, text, edited, release);
  return edited;
}

/** One history entry on one line, like the examples; JSON strings are valid YAML double-quoted scalars. */
function entry(r: Entry): string {
  const summary = r.summary === undefined ? '' : `, summary: ${JSON.stringify(r.summary)}`;
  return `{ version: ${JSON.stringify(r.version)}, date: ${r.date}${summary}, approver: ${JSON.stringify(r.approver)} }`;
}

function replaceScalar(map: YAMLMap, key: string, text: string, file: string): Edit {
  const node = map.get(key, true);
  if (!isScalar(node) || !node.range)
    throw new UserError('IRP_RELEASE_EDIT', `plan.${key} is not a plain value release can edit`, {
      position: { file, line: 1, col: 1 },
      hint: `write it as ${key}: "1.0.0"`,
    });
  return { at: node.range[0], end: node.range[1], text };
}

function optionalScalar(map: YAMLMap, key: string, text: string): Edit[] {
  const node = map.get(key, true);
  return isScalar(node) && node.range ? [{ at: node.range[0], end: node.range[1], text }] : [];
}

function historyEdit(text: string, plan: YAMLMap, line: string, file: string): Edit {
  const history = plan.get('history', true) as YamlNode | undefined;
  if (history === undefined) return appendHistory(text, plan, line);
  if (!isSeq(history) || !history.range)
    throw new UserError('IRP_RELEASE_EDIT', 'plan.history is not a list', {
      position: { file, line: 1, col: 1 },
      hint: 'write it as a list of { version:, date:, summary:, approver: } entries',
    });
  const first = history.items[0] as YamlNode | undefined;
  if (history.flow) {
    const open = history.range[0] + 1;
    return { at: open, end: open, text: first ? `${line}, ` : line };
  }
  // A block list: the new entry goes above the newest one, with the same indentation and dash.
  const at = first?.range?.[0] ?? history.range[0];
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const prefix = text.slice(lineStart, at);
  return {
    at: lineStart,
    end: lineStart,
    text: `${/^\s*-\s+$/.test(prefix) ? prefix : '  - '}${line}${newline(text)}`,
  };
}

/** No history yet: a history: key after the plan section's last line, indented like its siblings. */
function appendHistory(text: string, plan: YAMLMap, line: string): Edit {
  const firstKey = plan.items[0]?.key as YamlNode | undefined;
  const keyAt = firstKey?.range?.[0] ?? 0;
  const indent = ' '.repeat(keyAt - (text.lastIndexOf('\n', keyAt - 1) + 1));
  const last = plan.items.at(-1);
  const end =
    (last?.value as YamlNode | undefined)?.range?.[1] ?? (last?.key as YamlNode | undefined)?.range?.[1] ?? keyAt;
  const eol = text.indexOf('\n', end === 0 ? 0 : end - 1);
  const at = eol === -1 ? text.length : eol + 1;
  const nl = newline(text);
  const lead = eol === -1 ? nl : '';
  return { at, end: at, text: `${lead}${indent}history:${nl}${indent}  - ${line}${nl}` };
}

/** Lines added keep the file's own line endings (Windows editors save CRLF). */
function newline(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** The edited file must mean the old one plus the release, nothing else. */
function verify(file: string, before: string, after: string, r: Entry): void {
  const expected = parse(before, YAML_OPTS) as { plan: Record<string, unknown> };
  expected.plan.version = r.version;
  if ('effective' in expected.plan) expected.plan.effective = r.date;
  expected.plan.history = [
    {
      version: r.version,
      date: r.date,
      ...(r.summary === undefined ? {} : { summary: r.summary }),
      approver: r.approver,
    },
    ...((expected.plan.history as unknown[] | undefined) ?? []),
  ];
  if (!same(parse(after, YAML_OPTS), expected)) {
    throw new UserError('IRP_RELEASE_EDIT', 'release could not edit the plan without changing something else', {
      position: { file, line: 1, col: 1 },
      hint: 'edit plan.version and plan.history by hand, or report the layout that confused release',
    });
  }
}
