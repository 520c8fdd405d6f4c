import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import Handlebars from 'handlebars';
import { parse as parseYaml } from 'yaml';
import { UserError } from '../shared/index.ts';
import { createHelpers, HELPER_NAMES } from './helpers.ts';
import { escapeMarkdown } from '../shared/index.ts';
import { closest } from '../shared/index.ts';
import type { Model } from '../model/index.ts';

/** One rendered document: static front matter from the template, Markdown body from the data. */
export interface RenderedDoc {
  id: string;
  title: string;
  /** Position in the binder and the site's navigation. */
  order: number;
  kind: 'section' | 'playbook' | 'checklist' | 'card';
  /** Included in the binder. */
  binder: boolean;
  /** When set, this document is also printed alone as the checklist of that id. */
  checklist: string | null;
  /** When set, a card document (wallet-card, call-tree) printed alone, not a site page. */
  card: string | null;
  body: string;
  /** Template path relative to its root, for error messages and incremental builds. */
  template: string;
}

interface TemplateMeta {
  id: string;
  title: string;
  order: number;
  kind: RenderedDoc['kind'];
  binder?: boolean;
  checklist?: string;
  card?: string;
}

interface TemplateFile {
  rel: string;
  file: string;
  meta: TemplateMeta;
  body: string;
  bodyLine: number;
}

/** Raw output would let client data through unescaped; templates may not use it. */
const RAW_FORMS = /\{\{~?\{|\{\{~?\s*&/;

// Handlebars escapes for HTML by default; our output is Markdown, so the escape function is ours.
// The runtime reads Utils.escapeExpression when a template is set up, so this must run before compiling.
(Handlebars.Utils as { escapeExpression: (v: unknown) => string }).escapeExpression = escapeMarkdown;

/** Lists templates by relative path; a client's own templates/ folder overrides by the same path. */
export function collectTemplates(templatesDir: string, overrideDir: string | null): Map<string, string> {
  const out = new Map<string, string>();
  for (const [root, isOverride] of [
    [templatesDir, false],
    [overrideDir, true],
  ] as const) {
    if (!root || !existsSync(root)) continue;
    if (isOverride) checkInside(root, '');
    for (const rel of walk(root, root, isOverride)) {
      if (isOverride) checkInside(root, rel);
      out.set(rel, join(root, rel));
    }
  }
  return out;
}

/** Template paths under `dir`; in a client's folder a symbolic link is listed so it gets refused. */
function walk(root: string, dir: string, listLinks: boolean): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = join(dir, d.name);
    const rel = relative(root, full).split(sep).join('/');
    if (listLinks && d.isSymbolicLink()) return [rel];
    if (d.isDirectory()) return walk(root, full, listLinks);
    return d.name.endsWith('.hbs') ? [rel] : [];
  });
}

/** An override must be a real file inside the client's folder, never a link out of it. */
function checkInside(root: string, rel: string): void {
  const full = rel === '' ? root : join(root, rel);
  // lstat before realpath: a dangling link must be reported, not crash realpath.
  const outside =
    lstatSync(full).isSymbolicLink() || !realpathSync(full).startsWith(realpathSync(root) + (rel === '' ? '' : sep));
  if (outside) {
    const name = rel === '' ? 'templates folder' : `template override ${rel}`;
    throw new UserError('IRP_TEMPLATE_PATH', `the ${name} is a link that points outside the client folder`, {
      position: { file: full, line: 1, col: 1 },
      hint: 'copy the template into the client folder instead of linking to it',
    });
  }
}

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

function readTemplate(rel: string, file: string): TemplateFile {
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

/** Compiled templates, cached by file path and content: most clients share most templates. */
const cache = new Map<string, { source: string; fn: Handlebars.TemplateDelegate }>();

function compile(t: TemplateFile): Handlebars.TemplateDelegate {
  const hit = cache.get(t.file);
  if (hit && hit.source === t.body) return hit.fn;
  const knownHelpers = Object.fromEntries(HELPER_NAMES.map((n) => [n, true]));
  const fn = Handlebars.compile(t.body, {
    strict: true,
    knownHelpers,
    knownHelpersOnly: true,
    noEscape: false,
    preventIndent: true,
  });
  cache.set(t.file, { source: t.body, fn });
  return fn;
}

/** Renders every template that applies to this model into Markdown documents. */
export function renderDocuments(model: Model, templates: Map<string, string>): RenderedDoc[] {
  const hb = Handlebars.create();
  const ins = model.insurance;
  hb.registerHelper(
    createHelpers(
      ins
        ? {
            consentIds: ins.consentIds,
            carrier: ins.carrier,
            consentLabels: new Map(ins.consent.map((c) => [c.id, c.label])),
          }
        : null,
    ),
  );
  const partials = [...templates].filter(([rel]) => rel.startsWith('partials/'));
  for (const [rel, file] of partials)
    hb.registerPartial(rel.slice('partials/'.length).replace(/\.hbs$/, ''), readFileSync(file, 'utf8'));
  const wanted = new Set(model.checklists.map((c) => c.id));
  const docs: RenderedDoc[] = [];
  for (const [rel, file] of templates) {
    if (!rel.endsWith('.md.hbs') || rel.startsWith('partials/')) continue;
    const t = readTemplate(rel, file);
    if (t.meta.kind === 'checklist' && t.meta.checklist && !wanted.has(t.meta.checklist)) continue;
    docs.push(renderOne(hb, t, model));
  }
  return docs.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}

function renderOne(hb: typeof Handlebars, t: TemplateFile, model: Model): RenderedDoc {
  let body: string;
  try {
    // Partials and helpers come from `hb`; the compiled body is shared across clients.
    body = compile(t)(model, { helpers: hb.helpers, partials: hb.partials, allowProtoPropertiesByDefault: false });
  } catch (cause) {
    throw templateError(t, cause);
  }
  return {
    id: t.meta.id,
    title: t.meta.title,
    order: t.meta.order,
    kind: t.meta.kind,
    binder: t.meta.binder !== false,
    checklist: t.meta.checklist ?? null,
    card: t.meta.card ?? null,
    body: tidy(body),
    template: t.rel,
  };
}

/** Handlebars reports "... - 3:4" or "Parse error on line 3"; carry that position over to the file. */
function templateError(t: TemplateFile, cause: unknown): UserError {
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
    if (open) ({ line, col } = open), (hint = `close the block with {{/${open.name}}}`);
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

/** Collapses the blank lines that block helpers leave behind. */
function tidy(md: string): string {
  return `${md
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}
