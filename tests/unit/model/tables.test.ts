import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { loadTables } from '../../../src/model/tables.ts';
import { UserError } from '../../../src/shared/errors.ts';

// The tables in templates/data/ are edited by consultants, whose own templates/ folder replaces
// irplan's: each test works on a copy, and a broken table must name the file and the place.
const REPO = resolve(import.meta.dirname, '..', '..', '..');
const dirs: string[] = [];
function copyTemplates(): string {
  const dir = mkdtempSync(join(tmpdir(), 'irplan-tables-'));
  dirs.push(dir);
  cpSync(join(REPO, 'templates', 'data'), join(dir, 'data'), { recursive: true });
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Loads the tables and returns the user error they raise. */
function loadError(dir: string): UserError {
  try {
    loadTables(dir);
  } catch (err) {
    if (err instanceof UserError) return err;
    throw err;
  }
  throw new Error('the tables loaded');
}

function edit(dir: string, file: string, change: (text: string) => string): void {
  const path = join(dir, 'data', file);
  writeFileSync(path, change(readFileSync(path, 'utf8')));
}

describe('loadTables', () => {
  test('every table irplan ships loads, none of them empty', () => {
    const tables = loadTables(join(REPO, 'templates'));
    for (const [name, rows] of Object.entries(tables)) expect(rows.length, name).toBeGreaterThan(0);
    expect(tables.severities.map((s) => s.id)).toEqual(['critical', 'high', 'medium', 'low']);
    expect(tables.dataKinds.find((k) => k.id === 'pii')?.label).toBe('personal data');
    expect(tables.tlp.find((t) => t.id === 'TLP:RED')?.rule).toMatch(/named recipients/);
    expect(tables.scopes.find((s) => s.id === 'firewall')?.match).toEqual({
      services: ['firewall'],
      os: ['network-os'],
    });
  });

  test('a missing table is a user error that names the file', () => {
    const dir = copyTemplates();
    rmSync(join(dir, 'data', 'tlp.yaml'));
    const err = loadError(dir);
    expect(err.code).toBe('IRP_TABLE');
    expect(err.message).toBe('the table tlp.yaml is missing');
    expect(err.position?.file).toBe(join(dir, 'data', 'tlp.yaml'));
    expect(err.hint).toMatch(/templates\/data\/tlp\.yaml/);
  });

  test('a table that is not a list is reported', () => {
    const dir = copyTemplates();
    edit(dir, 'severities.yaml', () => 'just text\n');
    expect(loadError(dir).message).toBe('severities.yaml: the table must be a list of entries ("- id: ...")');
  });

  test('an entry without a required field is reported at the entry', () => {
    const dir = copyTemplates();
    edit(dir, 'data-kinds.yaml', (t) => t.replace('  label: health records\n', ''));
    const err = loadError(dir);
    expect(err.message).toBe('data-kinds.yaml: entry 2 is missing the required field `label`');
    expect(err.position?.line).toBe(5);
  });

  test('a field of the wrong kind is reported at the value', () => {
    const dir = copyTemplates();
    edit(dir, 'exposure.yaml', (t) => t.replace('data_raises: 1', 'data_raises: one'));
    const err = loadError(dir);
    expect(err.message).toBe('exposure.yaml: `data_raises` of entry 1 must be a number');
    expect(err.position).toMatchObject({ line: 11, col: 16 });
  });

  test('a jurisdiction file with a field of the wrong kind is reported at the value', () => {
    const dir = copyTemplates();
    edit(dir, 'jurisdictions/gb.yaml', (t) => t.replace('deadline_hours: 72', 'deadline_hours: three days'));
    const err = loadError(dir);
    expect(err.code).toBe('IRP_TYPE');
    expect(err.message).toContain('deadline_hours');
    expect(err.position).toMatchObject({ file: join(dir, 'data', 'jurisdictions', 'gb.yaml'), line: 62 });
  });

  test("an unknown key in a jurisdiction file gets a hint from that file's own fields", () => {
    const dir = copyTemplates();
    edit(dir, 'jurisdictions/gb.yaml', (t) => t.replace('deadline_hours: 72', 'deadline_hour: 72'));
    const err = loadError(dir);
    expect(err.code).toBe('IRP_UNKNOWN_KEY');
    expect(err.hint).toBe('did you mean `deadline_hours`?');
  });

  test('a rule id defined in two jurisdiction files is refused: a plan could not say which it means', () => {
    const dir = copyTemplates();
    edit(dir, 'jurisdictions/nz.yaml', (t) => t.replace('id: nz-privacy-act', 'id: uk-gdpr'));
    expect(loadError(dir).message).toMatch(/the id "uk-gdpr" is defined in .*gb\.yaml and again in .*nz\.yaml/);
  });

  test('a match rule with an unknown key is reported, not silently ignored', () => {
    const dir = copyTemplates();
    edit(dir, 'scopes.yaml', (t) => t.replace('{ services: [backup] }', '{ service: [backup] }'));
    expect(loadError(dir).message).toMatch(/^scopes\.yaml: `match` of entry 2 must be a mapping of lists/);
  });

  test('a YAML syntax error is reported with its position', () => {
    const dir = copyTemplates();
    edit(dir, 'response-checklists.yaml', (t) => `${t}- id: [unclosed\n`);
    const err = loadError(dir);
    expect(err.message).toMatch(/^response-checklists\.yaml: YAML syntax: /);
    expect(err.position?.line).toBeGreaterThan(10);
  });

  test('an optional field left empty is accepted; a required one is not', () => {
    const dir = copyTemplates();
    edit(dir, 'roles.yaml', (t) => t.replace('backup: [deputy, executive-sponsor]', 'backup:'));
    expect(loadTables(dir).roles[0]?.backup).toBeNull();
    edit(dir, 'roles.yaml', (t) => t.replace('label: Incident commander', 'label:'));
    expect(loadError(dir).message).toBe('roles.yaml: `label` of entry 1 must be text');
  });

  test('fields a template may read besides the required ones are kept', () => {
    const dir = copyTemplates();
    edit(dir, 'severities.yaml', (t) => t.replace('  label: Low\n', '  label: Low\n  colour: grey\n'));
    const low = loadTables(dir).severities.find((s) => s.id === 'low');
    expect(low).toMatchObject({ label: 'Low', colour: 'grey' });
  });
});
