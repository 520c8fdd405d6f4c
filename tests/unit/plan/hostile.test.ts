import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { formatUserError, sortErrors, UserError } from '../../../src/shared/errors.ts';
import { MAX_FILE_BYTES } from '../../../src/plan/files.ts';
import type { Model } from '../../../src/model/index.ts';
import { readClients } from '../../../src/plan/read.ts';
import { collectTemplates } from '../../../src/render/collect.ts';
import { renderDocuments } from '../../../src/render/render.ts';
import { irplan, tempDir } from '../../helpers/cli.ts';

// Issue 8's corpus of hostile input. Every case must end in UserErrors that name a file, line and
// column inside the case's folder with a hint, never in a crash or a silently accepted plan. The
// formatted errors are pinned in <case>/expected.txt; `at` is the text the first error points at.
const HOSTILE = resolve(import.meta.dirname, '../../fixtures/hostile');

const PLAN_CASES: Record<string, { code: string; at: string }> = {
  'alias-bomb': { code: 'IRP_YAML_ALIAS', at: '&a ["lol"' },
  'anchor-and-alias': { code: 'IRP_YAML_ALIAS', at: '&who Ben' },
  'bidi-phone': { code: 'IRP_PHONE', at: '"+1 217 \u202e' },
  'binary-file': { code: 'IRP_BINARY', at: '' },
  'binary-tag': { code: 'IRP_YAML_TAG', at: '!!binary' },
  'block-scalar-version': { code: 'IRP_PATTERN', at: '|' },
  'bom-crlf': { code: 'IRP_ENUM', at: 'hihg' },
  'bom-crlf-first-line': { code: 'IRP_UNKNOWN_KEY', at: '\ufeffclinet:' },
  'boolean-for-string': { code: 'IRP_TYPE', at: 'true' },
  'complex-key': { code: 'IRP_YAML_KEY', at: '[a, b]' },
  'constructor-key': { code: 'IRP_YAML_KEY', at: 'constructor:' },
  'control-char-phone': { code: 'IRP_PHONE', at: '"+1 217 555\\a' },
  'deep-nesting': { code: 'IRP_YAML_DEPTH', at: '[[[' },
  'defaults-unsafe-tag': { code: 'IRP_YAML_TAG', at: '!!python/object' },
  'duplicate-keys': { code: 'IRP_YAML', at: 'name: Other Clinic' },
  'empty-file': { code: 'IRP_REQUIRED', at: '' },
  'invalid-utf8': { code: 'IRP_ENCODING', at: '' },
  'js-function-tag': { code: 'IRP_YAML_TAG', at: '!!js/function' },
  'key-over-100-chars': { code: 'IRP_YAML_KEY', at: 'kkkk' },
  'leading-zero-number': { code: 'IRP_TYPE', at: '0123' },
  'long-key': { code: 'IRP_YAML', at: 'kkkk' },
  'lookalike-cyrillic-key': { code: 'IRP_REQUIRED', at: 'id: ana-diaz' },
  'lookalike-fullwidth-key': { code: 'IRP_REQUIRED', at: 'insurance:' },
  'merge-key': { code: 'IRP_YAML_MERGE', at: '<<:' },
  'nan-number': { code: 'IRP_TYPE', at: '.nan' },
  'non-mapping-root': { code: 'IRP_YAML_ROOT', at: '- client' },
  'plan-is-a-folder': { code: 'IRP_NOT_FILE', at: '' },
  'proto-key': { code: 'IRP_YAML_KEY', at: '__proto__:' },
  'secret-tag': { code: 'IRP_YAML_TAG', at: '!secret' },
  'several-documents': { code: 'IRP_YAML_MULTIDOC', at: '---' },
  'sibling-proto-key': { code: 'IRP_YAML_KEY', at: '__proto__:' },
  'spaced-unquoted-number': { code: 'IRP_PHONE', at: '0123 456' },
  'tab-indentation': { code: 'IRP_YAML', at: '\tname:' },
  'yaml-directive-1-1': { code: 'IRP_YAML_DIRECTIVE', at: '%YAML 1.1' },
  'yes-for-boolean': { code: 'IRP_TYPE', at: 'yes' },
  'zero-width-phone': { code: 'IRP_PHONE', at: '"+1 217 555\u200b' },
};

/** Reads a plan repository and returns its sorted errors; anything thrown fails the test. */
function readErrors(root: string, slugs: string[] = []): UserError[] {
  const result = readClients(join(root, 'plans'), slugs);
  expect(result.clients).toEqual([]);
  return sortErrors(result.errors);
}

/** The checks every hostile case shares: a position inside the case's folder and a hint. */
function expectWellFormed(errors: UserError[], root: string): void {
  expect(errors.length).toBeGreaterThan(0);
  for (const e of errors) {
    expect(e).toBeInstanceOf(UserError);
    expect(e.position?.file.startsWith(`${root}/`), formatUserError(e)).toBe(true);
    expect(e.position?.line).toBeGreaterThanOrEqual(1);
    expect(e.position?.col).toBeGreaterThanOrEqual(1);
    expect(e.hint?.length, e.message).toBeGreaterThan(5);
  }
}

function textAt(e: UserError): string {
  const { file, line, col } = e.position!;
  if (!statSync(file).isFile()) return '';
  const text = readFileSync(file, 'latin1').split(/\r?\n/)[line - 1] ?? '';
  return Buffer.from(text, 'latin1')
    .toString('utf8')
    .slice(col - 1);
}

describe('hostile plans in the corpus', () => {
  test('every plan case in the folder is listed here', () => {
    // render/ is built by tests/e2e/hostile-render.test.ts, faults/ holds the fault injector of hostile-faults.
    const onDisk = readdirSync(HOSTILE).filter((n) => !n.startsWith('template-') && n !== 'render' && n !== 'faults');
    expect(onDisk.sort()).toEqual(Object.keys(PLAN_CASES).sort());
  });

  test.each(Object.keys(PLAN_CASES))('%s', async (name) => {
    const root = join(HOSTILE, name);
    const errors = readErrors(root);
    expectWellFormed(errors, root);
    const first = errors[0]!;
    expect(first.code).toBe(PLAN_CASES[name]?.code);
    expect(textAt(first).startsWith(PLAN_CASES[name]?.at ?? '?'), JSON.stringify(textAt(first).slice(0, 40))).toBe(
      true,
    );
    await expect(`${errors.map((e) => formatUserError(e, root)).join('\n')}\n`).toMatchFileSnapshot(
      join(root, 'expected.txt'),
    );
  });
});

describe('hostile cases built in the test', () => {
  test('a file over the size cap is refused before parsing, naming the cap', () => {
    const root = tempDir('irplan-big-');
    mkdirSync(join(root, 'plans', 'clinic'), { recursive: true });
    writeFileSync(join(root, 'plans', 'clinic', 'plan.yaml'), `client:\n  name: "${'x'.repeat(MAX_FILE_BYTES)}"\n`);
    const errors = readErrors(root);
    expectWellFormed(errors, root);
    expect(errors.map((e) => formatUserError(e, root))).toEqual([
      `plans/clinic/plan.yaml:1:1 error IRP_FILE_TOO_LARGE the file is ${MAX_FILE_BYTES + 19} bytes, over the ${MAX_FILE_BYTES} byte limit for a plan file\n  hint: split large sections into sibling files in the client folder`,
    ]);
  });

  test('a slug with .. is refused and nothing outside plans/ is read', () => {
    const root = copyOfValid();
    writeFileSync(join(root, 'plan.yaml'), 'not: [valid\n');
    const errors = readErrors(root, ['../..', '..', 'clinic/../..']);
    expect(errors.map((e) => e.code)).toEqual(['IRP_SLUG', 'IRP_SLUG', 'IRP_SLUG']);
  });

  test('a client folder that is a symbolic link out of the repository is refused', () => {
    const outside = copyOfValid();
    const root = tempDir('irplan-link-');
    mkdirSync(join(root, 'plans'));
    symlinkSync(join(outside, 'plans', 'clinic'), join(root, 'plans', 'evil'));
    const errors = readErrors(root, ['evil']);
    expectWellFormed(errors, root);
    expect(errors.map((e) => e.code)).toEqual(['IRP_SYMLINK']);
  });

  test('a plan file or sibling file that is a symbolic link (to /etc/passwd) is refused', () => {
    const root = copyOfValid();
    symlinkSync('/etc/passwd', join(root, 'plans', 'clinic', 'passwd.yaml'));
    const errors = readErrors(root);
    expectWellFormed(errors, root);
    expect(errors.map((e) => `${e.code} ${formatUserError(e, root).split(' ')[0]}`)).toEqual([
      'IRP_SYMLINK plans/clinic/passwd.yaml:1:1',
    ]);
  });
});

/** A fresh copy of the valid base plan, so tests can add links without touching git. */
function copyOfValid(): string {
  const root = tempDir('irplan-hostile-');
  cpSync(resolve(import.meta.dirname, '../../fixtures/invalid/_valid'), root, { recursive: true });
  return root;
}

// Template cases: a client overrides a template by path in plans/<slug>/templates/. They are
// rendered against a small model so the test pins the template error, not the shared templates.
const MODEL = {
  client: { name: 'Example Clinic' },
  plan: { owner: { name: 'Ana Diaz' } },
  contacts: [{ display: 'Ana Diaz' }],
  checklists: [],
  insurance: null,
  consentActions: [],
} as unknown as Model;

function renderOverride(root: string): UserError {
  const noShared = join(root, 'no-shared-templates');
  try {
    renderDocuments(MODEL, collectTemplates(noShared, join(root, 'plans', 'clinic', 'templates')));
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  throw new Error('the template rendered without an error');
}

const TEMPLATE_CASES: Record<string, string> = {
  'template-typo': 'plan.ownr.name}}',
  'template-unknown-helper': '{{shout',
  'template-raw-output': '{{{client.name}}}',
  'template-unclosed-block': '{{#each contacts}}',
  'template-bad-front-matter': '',
  'template-parent-path': '{{../client.name}}',
  'template-unknown-partial': '{{> ../../../etc/passwd}}',
};

describe('hostile templates in a client override', () => {
  test.each(Object.keys(TEMPLATE_CASES))('%s', (name) => {
    const root = join(HOSTILE, name);
    const e = renderOverride(root);
    expectWellFormed([e], root);
    expect(textAt(e).startsWith(TEMPLATE_CASES[name] ?? '?'), textAt(e)).toBe(true);
    // The head line is pinned; hints that list helpers change whenever a helper is added.
    expect(formatUserError(e, root).split('\n')[0]).toMatchSnapshot();
  });

  test('an override that links outside the client folder is refused', () => {
    const root = copyOfValid();
    mkdirSync(join(root, 'plans', 'clinic', 'templates', 'sections'), { recursive: true });
    symlinkSync('/etc/passwd', join(root, 'plans', 'clinic', 'templates', 'sections', '10-cover.md.hbs'));
    const e = renderOverride(root);
    expect(formatUserError(e, root)).toMatchInlineSnapshot(`
      "plans/clinic/templates/sections/10-cover.md.hbs:1:1 error IRP_TEMPLATE_PATH the template override sections/10-cover.md.hbs is a link that points outside the client folder
        hint: copy the template into the client folder instead of linking to it"
    `);
  });

  test('a dangling link and a linked folder are refused too, not skipped or crashed on', () => {
    const root = copyOfValid();
    const dir = join(root, 'plans', 'clinic', 'templates');
    mkdirSync(dir, { recursive: true });
    symlinkSync(join(root, 'nowhere.hbs'), join(dir, 'gone.md.hbs'));
    expect(renderOverride(root).code).toBe('IRP_TEMPLATE_PATH');
    rmSync(join(dir, 'gone.md.hbs'));
    symlinkSync('/etc', join(dir, 'sections'));
    expect(renderOverride(root).code).toBe('IRP_TEMPLATE_PATH');
  });

  test('a templates folder that is itself a link out of the client folder is refused', () => {
    const root = copyOfValid();
    const elsewhere = tempDir('irplan-tpl-');
    writeFileSync(join(elsewhere, 'x.md.hbs'), '---\nid: x\ntitle: X\norder: 1\nkind: section\n---\nx\n');
    symlinkSync(elsewhere, join(root, 'plans', 'clinic', 'templates'));
    expect(renderOverride(root).code).toBe('IRP_TEMPLATE_PATH');
  });
});

describe('the CLI on the whole corpus', () => {
  test('validate reports every broken client with exit 1 and no stack trace', () => {
    const root = tempDir('irplan-corpus-');
    const names = Object.keys(PLAN_CASES).filter((n) => n !== 'defaults-unsafe-tag');
    for (const n of names) cpSync(join(HOSTILE, n, 'plans', 'clinic'), join(root, 'plans', n), { recursive: true });
    const r = irplan(['validate'], { cwd: root });
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(r.stderr).toMatch(new RegExp(`problems in ${names.length} clients; 0 valid`));
    for (const n of names)
      expect(r.stderr).toMatch(new RegExp(`^plans/${n.replace(/\./g, '\\.')}/[a-z]+\\.yaml:\\d+:\\d+ error IRP_`, 'm'));
  });

  test('build stops at a template typo in a client override with its file:line:col, exit 1', () => {
    const root = tempDir('irplan-tpl-cli-');
    cpSync(join(HOSTILE, 'render'), root, { recursive: true });
    cpSync(
      join(HOSTILE, 'template-typo', 'plans', 'clinic', 'templates'),
      join(root, 'plans', 'payloads', 'templates'),
      { recursive: true },
    );
    const r = irplan(['build', 'payloads', '--no-pdf', '--out', join(root, 'dist')], { cwd: root });
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(r.stderr).toMatch(
      /^plans\/payloads\/templates\/sections\/99-hostile\.md\.hbs:10:16 error IRP_TEMPLATE \{\{plan\.ownr\.name\}\}/m,
    );
    expect(r.stderr).toMatch(/^ {2}hint: /m);
  });

  test('a broken defaults file fails every client with exit 1', () => {
    const r = irplan(['validate'], { cwd: join(HOSTILE, 'defaults-unsafe-tag') });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^plans\/defaults\.yaml:2:\d+ error IRP_YAML_TAG/m);
  });
});

// Property: a valid plan, mutated at random as text or as data, either still validates or fails
// with UserErrors that each name a position in the file and a hint. Nothing else may escape.
describe('random mutations of a valid plan (fast-check)', () => {
  const BASE = readFileSync(
    resolve(import.meta.dirname, '../../fixtures/invalid/_valid/plans/clinic/plan.yaml'),
    'utf8',
  );
  const root = tempDir('irplan-prop-');
  const file = join(root, 'plans', 'clinic', 'plan.yaml');
  mkdirSync(join(root, 'plans', 'clinic'), { recursive: true });

  /** Validates `text` as the client's plan; fails the property on anything but a clean result or positioned UserErrors. */
  function check(text: string): void {
    writeFileSync(file, text);
    const lines = text.split(/\r\n|\r|\n/).length + 1;
    const { clients, errors } = readClients(join(root, 'plans'), []);
    expect(clients.length + errors.length).toBeGreaterThan(0);
    for (const e of errors) {
      expect(e).toBeInstanceOf(UserError);
      expect(e.position?.file).toBe(file);
      expect(e.position!.line).toBeGreaterThanOrEqual(1);
      expect(e.position!.line).toBeLessThanOrEqual(lines);
      expect(e.position!.col).toBeGreaterThanOrEqual(1);
      expect(e.hint).toBeTruthy();
      expect(formatUserError(e, root)).toMatch(
        /^plans\/clinic\/plan\.yaml:\d+:\d+ error IRP_[A-Z_]+ .+\n {2}hint: .+$/,
      );
    }
  }

  const PIECES = [
    ':',
    ': ',
    '-',
    '- ',
    ' ',
    '  ',
    '\t',
    '\n',
    '\r\n',
    '"',
    "'",
    '[',
    ']',
    '{',
    '}',
    ',',
    '&a ',
    '*a',
    '!!str ',
    '!x ',
    '%YAML 1.1\n',
    '#',
    '|',
    '>',
    '<<: ',
    '---\n',
    '...\n',
    '?',
    '@',
    '`',
    'yes',
    'no',
    '0123',
    '1e9',
    '.inf',
    '~',
    'null',
    '__proto__: ',
    '\u202e',
    '\u200b',
    '\ufeff',
    'é',
    '\u0430',
  ];
  const edit = fc.record({
    at: fc.nat(),
    drop: fc.nat({ max: 6 }),
    insert: fc.array(fc.constantFrom(...PIECES), { maxLength: 3 }),
  });

  test('text edits: inserted YAML punctuation, tags, anchors, directives, odd characters', () => {
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
        let text = BASE;
        for (const { at, drop, insert } of edits) {
          const i = at % (text.length + 1);
          text = text.slice(0, i) + insert.join('') + text.slice(i + drop);
        }
        check(text);
      }),
      { numRuns: 300, seed: 8, endOnFailure: true },
    );
  });

  test('data edits: any value replaced by any JSON value, keys dropped or misspelled', () => {
    const data = parseYaml(BASE) as Record<string, unknown>;
    const paths = leafPaths(data);
    const change = fc.record({
      path: fc.constantFrom(...paths),
      value: fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constant(undefined), fc.string()),
      rename: fc.option(fc.string({ minLength: 1, maxLength: 12 })),
    });
    fc.assert(
      fc.property(fc.array(change, { minLength: 1, maxLength: 3 }), (changes) => {
        const copy = structuredClone(data);
        for (const c of changes) setAt(copy, c.path, c.value, c.rename);
        check(stringifyYaml(copy));
      }),
      { numRuns: 200, seed: 8, endOnFailure: true },
    );
  });
});

/** Every path to a value in a parsed plan (maps and lists included). */
function leafPaths(value: unknown, path: string[] = []): string[][] {
  if (value === null || typeof value !== 'object') return [path];
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  return [path, ...entries.flatMap(([k, v]) => leafPaths(v, [...path, k]))].filter((p) => p.length > 0);
}

/** Sets (or with `undefined`, deletes) the value at a path; a rename moves it to a new key. */
function setAt(root: Record<string, unknown>, path: string[], value: unknown, rename: string | null): void {
  let node: unknown = root;
  for (const seg of path.slice(0, -1)) node = (node as Record<string, unknown> | undefined)?.[seg];
  if (node === null || typeof node !== 'object') return;
  const obj = node as Record<string, unknown>;
  const last = path.at(-1)!;
  if (rename !== null && !Array.isArray(obj)) {
    obj[rename] = obj[last];
    delete obj[last];
  } else if (value === undefined) delete obj[last];
  else obj[last] = value;
}
