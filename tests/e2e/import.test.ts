import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { irplan, tempDir } from '../helpers/cli.ts';
import { copyExamples } from '../helpers/examples.ts';

// Imports CSV exports into a copy of the Northwind example, as a consultant would.

const SLUG = 'northwind-logistics';
const HEAD = 'name,title,organization,email,groups,roles,phone_mobile,phone_desk';
const FIRST = [
  HEAD,
  'Jane Doe,Office Manager,Northwind Logistics,jane.doe@northwind.example,staff,scribe,503 555 0177,',
  'Maria Lopez,COO,Northwind Logistics,maria.lopez@northwind.example,business-owner,incident-commander,+1 503 555 0142,',
  'Sam Ortiz,Accountant,Northwind Logistics,sam.ortiz@northwind.example,staff;senior-management,,+1 503 555 0188,+1 503 555 0101',
].join('\n');

let root: string;
let plan: string;
const run = (...args: string[]) => irplan([...args, '--today', '2026-11-30'], { cwd: root });
const write = (name: string, text: string) => writeFileSync(join(root, name), `${text}\n`);

beforeAll(() => {
  root = tempDir('irplan-import-');
  copyExamples(root);
  plan = join(root, 'plans', SLUG, 'plan.yaml');
  write('first.csv', FIRST);
});

describe('irplan import contacts', () => {
  test('a dry run prints the changes in irplan diff wording and writes nothing', () => {
    const before = readFileSync(plan, 'utf8');
    const r = run('import', 'contacts', SLUG, 'first.csv', '--dry-run');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Contact added: Jane Doe (title Office Manager');
    expect(r.stdout).toContain('first.csv:3: Maria Lopez is written by hand');
    expect(r.stdout).toContain('dry run: nothing written');
    expect(readFileSync(plan, 'utf8')).toBe(before);
  });

  test('adds the new contacts, keeps comments and the hand-written entry, and validates', () => {
    const before = readFileSync(plan, 'utf8');
    const r = run('import', 'contacts', SLUG, 'first.csv');
    expect(r.code, r.stderr).toBe(0);
    const after = readFileSync(plan, 'utf8');
    // Everything the consultant wrote is still there, line for line, comments included.
    for (const line of before.split('\n')) expect(after).toContain(line);
    expect(after).toContain('# contact id of who approves each release');
    expect(after).toContain(
      '  - id: jane-doe\n    name: Jane Doe\n    title: Office Manager\n    organization: Northwind Logistics\n    groups: [staff]\n    roles: [scribe]\n    phones:\n      - { number: "503 555 0177", label: mobile }\n    email: jane.doe@northwind.example\n    source: { file: first.csv, date: 2026-11-30 }\n',
    );
    expect(after).toContain('title: Operations Director');
    expect(irplan(['validate', SLUG], { cwd: root }).code).toBe(0);
  });

  test('a second import of the same file changes nothing, byte for byte', () => {
    const before = readFileSync(plan, 'utf8');
    const r = irplan(['import', 'contacts', SLUG, 'first.csv', '--today', '2027-01-15'], { cwd: root });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('no changes');
    expect(readFileSync(plan, 'utf8')).toBe(before);
  });

  test('a changed export updates the imported contact', () => {
    write('first.csv', FIRST.replace('Office Manager', 'Office Lead'));
    const r = run('import', 'contacts', SLUG, 'first.csv');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Jane Doe: title Office Manager → Office Lead');
    expect(readFileSync(plan, 'utf8')).toContain('title: Office Lead');
  });

  test('a bad phone on line 7 is reported at its cell and nothing is written', () => {
    const rows = FIRST.split('\n');
    const extra = [
      'Al Ba,Clerk,,al@northwind.example,staff,,+1 503 555 0111,',
      'Bo Ce,Clerk,,bo@northwind.example,staff,,+1 503 555 0112,',
    ];
    write('bad.csv', [...rows, ...extra, 'Cy Wrong,Clerk,,cy@northwind.example,staff,,555 01,'].join('\n'));
    const before = readFileSync(plan, 'utf8');
    const r = run('import', 'contacts', SLUG, 'bad.csv');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^bad\.csv:7:7 error IRP_PHONE .*"555 01" is not a valid US phone number/m);
    expect(r.stderr).toContain('hint:');
    expect(readFileSync(plan, 'utf8')).toBe(before);
  });
});

describe('irplan import assets', () => {
  test('adds assets with ids made from their names; a second run is a no-op', () => {
    write(
      'assets.csv',
      'name,kind,os,services,criticality,data,owner,location,rto_hours,rpo_hours\nFS01,server,windows,file,high,pii;financial,dev-patel,HQ server room,8,24',
    );
    expect(run('import', 'assets', SLUG, 'assets.csv').code).toBe(0);
    const once = readFileSync(plan, 'utf8');
    expect(once).toContain('  - id: fs01\n    name: FS01\n    kind: server\n');
    expect(run('import', 'assets', SLUG, 'assets.csv').code).toBe(0);
    expect(readFileSync(plan, 'utf8')).toBe(once);
  });
});

describe('irplan check --against', () => {
  test('lists a contact removed from the export and a changed title, at their places in plan.yaml', () => {
    write(
      'drift.csv',
      FIRST.split('\n')
        .filter((l) => !l.startsWith('Sam Ortiz'))
        .join('\n'),
    );
    const r = irplan(['check', SLUG, '--against', 'drift.csv'], { cwd: root });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /plans\/northwind-logistics\/plan\.yaml:\d+:5 warning IRP_DRIFT .*Sam Ortiz is in the plan but not in the export drift\.csv/,
    );
    expect(r.stdout).toMatch(
      /plan\.yaml:\d+:\d+ warning IRP_DRIFT .*Maria Lopez: title is "Operations Director" in the plan, "COO" in the export \(drift\.csv:3\)/,
    );
  });
});
