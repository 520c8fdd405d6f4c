import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { UserError } from '../shared/index.ts';

/** What a document is, as its template's front matter names it. */
export type DocKind = 'section' | 'playbook' | 'checklist' | 'card';

interface TemplateMeta {
  id: string;
  title: string;
  order: number;
  kind: DocKind;
  binder?: boolean;
  checklist?: string;
  card?: string;
  /** Rendered after every other document, with the glossary's terms narrowed to those they use. */
  glossary?: boolean;
}

/** A template file read and checked: its front matter, and its body with the line it starts at. */
export interface TemplateFile {
  rel: string;
  file: string;
  meta: TemplateMeta;
  body: string;
  bodyLine: number;
}

/** Raw output would let client data through unescaped; templates may not use it. */
const RAW_FORMS = /\{\{~?\{|\{\{~?\s*&/;

/** Rejects raw output forms, which would print client data unescaped. Returns every finding. */
export function lintTemplate(file: string, text: string): UserError[] {
  const errors: UserError[] = [];
  text.split('\n').forEach((line, i) => {
    const m = RAW_FORMS.exec(line);
    if (m)
      errors.push(
        new UserError('IRP_TEMPLATE_RAW', 'raw output ({{{ }}} or {{& }}) is not allowed in templates', {
          position: { file, line: i + 1, col: m.index + 1 },
          hint: 'use {{value}}: it is escaped for Markdown; helpers return trusted Markdown where a link is needed',
        }),
      );
  });
  return errors;
}

/** Reads a template file: refuses raw output, then splits the front matter from the body. */
export function readTemplate(rel: string, file: string): TemplateFile {
  const text = readFileSync(file, 'utf8').replace(/\r\n/g, '\n');
  const lint = lintTemplate(file, text);
  if (lint[0]) throw lint[0];
  const m = /^---\n([\s\S]*?)\n---\n/.exec(text);
  if (!m)
    throw new UserError('IRP_TEMPLATE_META', 'the template has no front matter', {
      position: { file, line: 1, col: 1 },
      hint: 'start it with ---, id:, title:, order:, kind:, then ---',
    });
  const meta = parseMeta(file, m[1] ?? '');
  return { rel, file, meta, body: text.slice(m[0].length), bodyLine: (m[0].match(/\n/g) ?? []).length };
}

/** The front matter between the --- lines: a YAML error keeps its line (shifted past the first ---). */
function parseMeta(file: string, yaml: string): TemplateMeta {
  let meta: unknown;
  try {
    meta = parseYaml(yaml, { prettyErrors: true });
  } catch (cause) {
    const lp = (cause as { linePos?: [{ line: number; col: number }] }).linePos?.[0];
    const first = (cause instanceof Error ? cause.message : String(cause))
      .split('\n')[0]
      ?.replace(/ at line \d+, column \d+.*$/, '');
    throw new UserError('IRP_TEMPLATE_META', `the template's front matter is not valid YAML: ${first}`, {
      position: { file, line: (lp?.line ?? 0) + 1, col: lp?.col ?? 1 },
      hint: 'front matter holds id:, title:, order: and kind: as plain values',
      cause,
    });
  }
  const m = meta as Partial<TemplateMeta> | null;
  if (
    !m ||
    typeof m.id !== 'string' ||
    typeof m.title !== 'string' ||
    typeof m.order !== 'number' ||
    !['section', 'playbook', 'checklist', 'card'].includes(String(m.kind))
  ) {
    throw new UserError('IRP_TEMPLATE_META', "the template's front matter needs id, title, order and kind", {
      position: { file, line: 2, col: 1 },
      hint: 'e.g. id: contacts, title: Contacts, order: 30, kind: section (or playbook, checklist, card)',
    });
  }
  return m as TemplateMeta;
}
