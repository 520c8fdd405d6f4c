import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { readCsv } from '../../../src/import/csv.ts';
import { idFromName, uniqueId } from '../../../src/import/ids.ts';
import { loadMapping } from '../../../src/import/mapping.ts';
import { findMatch } from '../../../src/import/match.ts';
import { mergeRows } from '../../../src/import/merge.ts';
import { readRows } from '../../../src/import/rows.ts';
import type { UserError } from '../../../src/shared/index.ts';
import { REPO, tempDir } from '../../helpers/cli.ts';

const TEMPLATES = join(REPO, 'templates');

/** Rows of a CSV text read with a mapping (the default preset unless a file is given). */
function rowsOf(csv: string, kind: 'contacts' | 'assets' = 'contacts', map?: string) {
  const file = join(tempDir(), 'x.csv');
  writeFileSync(file, csv);
  const errors: UserError[] = [];
  const rows = readRows(readCsv(file, 'x.csv'), loadMapping(kind, map, TEMPLATES), errors);
  return { rows, errors };
}

describe('ids made from names', () => {
  test('readable, lower case, accents dropped', () => {
    expect(idFromName('Jane Doe', 'contact')).toBe('jane-doe');
    expect(idFromName('FS01', 'asset')).toBe('fs01');
    expect(idFromName('  Sam Örtiz-Núñez ', 'contact')).toBe('sam-ortiz-nunez');
    expect(idFromName('王小明', 'contact')).toBe('contact');
  });
  test('unique: a taken id gets -2, -3', () => {
    const taken = new Set(['jane-doe', 'jane-doe-2']);
    expect(uniqueId('jane-doe', taken)).toBe('jane-doe-3');
    expect(uniqueId('ann', taken)).toBe('ann');
    expect(taken.has('ann')).toBe(true);
  });
});

describe('matching a row to an entry', () => {
  const entries = [
    { id: 'maria-lopez', name: 'Maria Lopez', email: 'maria@x.example' },
    { id: 'ops', name: 'Dev Patel', email: 'dev@x.example' },
  ];
  test('by id, then e-mail (any case), then name (any case and spacing)', () => {
    expect(findMatch({ madeId: 'maria-lopez', name: 'M. Lopez' }, entries, new Set())?.id).toBe('maria-lopez');
    expect(findMatch({ madeId: 'x', email: 'DEV@x.example', name: 'Someone' }, entries, new Set())?.id).toBe('ops');
    expect(findMatch({ madeId: 'x', name: ' dev   patel ' }, entries, new Set())?.id).toBe('ops');
    expect(findMatch({ madeId: 'x', name: 'Nobody' }, entries, new Set())).toBeUndefined();
  });
  test('an entry already matched is not matched twice', () => {
    expect(
      findMatch({ madeId: 'ops', name: 'Dev Patel' }, entries, new Set([entries[1] as (typeof entries)[number]])),
    ).toBeUndefined();
  });
});

describe('mapping columns to fields', () => {
  test('the default preset: plan field names, phone_<label>, lists split by ;', () => {
    const { rows, errors } = rowsOf(
      'name,title,groups,phone_mobile,phone_desk\nJane Doe,Clerk,staff; partner,+1 503 555 0100,\n',
    );
    expect(errors).toEqual([]);
    expect(rows[0]?.fields).toEqual({
      name: 'Jane Doe',
      title: 'Clerk',
      groups: ['staff', 'partner'],
      phones: [{ number: '+1 503 555 0100', label: 'mobile' }],
    });
    expect(rows[0]?.covered.has('phones:desk')).toBe(true);
    expect(rows[0]?.colOf.get('phones:mobile')).toBe(4);
  });
  test('a mapping file: joined columns, phone columns, value maps (any case)', () => {
    const map = join(tempDir(), 'map.yaml');
    writeFileSync(
      map,
      'contacts:\n  columns: { name: [First, Last], groups: Type }\n  phones: { Cell: mobile }\n  values: { groups: { Employee: staff } }\n',
    );
    const { rows } = rowsOf('First,Last,Type,Cell\nJane,Doe,EMPLOYEE,555\n', 'contacts', map);
    expect(rows[0]?.fields).toEqual({
      name: 'Jane Doe',
      groups: ['staff'],
      phones: [{ number: '555', label: 'mobile' }],
    });
  });
  test('hours that are not numbers, and a row without a name, are errors at their cell', () => {
    const { errors } = rowsOf('name,kind,criticality,rto_hours\nFS01,server,high,four\n,server,low,\n', 'assets');
    expect(errors.map((e) => [e.position?.line, e.position?.col, e.code])).toEqual([
      [2, 4, 'IRP_IMPORT_ROW'],
      [3, 1, 'IRP_IMPORT_ROW'],
    ]);
  });
  test('a preset without documented columns is refused, not guessed', () => {
    for (const preset of ['itglue', 'hudu'])
      for (const kind of ['contacts', 'assets'] as const)
        expect(() => loadMapping(kind, preset, TEMPLATES)).toThrow(`the preset "${preset}" is not available`);
  });
});

describe('merging rows into a section', () => {
  const source = { file: 'x.csv', date: '2026-11-30' };
  test('adds new entries, updates imported ones, leaves hand-written ones alone', () => {
    const { rows } = rowsOf(
      'name,title,phone_mobile\nAnn Lee,Boss,+1 503 555 0100\nBo Ray,Clerk,+1 503 555 0101\nCy Po,Clerk,+1 503 555 0102\n',
    );
    const entries = [
      {
        id: 'ann-lee',
        name: 'Ann Lee',
        title: 'Owner',
        phones: [{ number: '+1 503 555 0100', label: 'mobile', out_of_band: true }],
      },
      {
        id: 'bo-ray',
        name: 'Bo Ray',
        title: 'Temp',
        phones: [{ number: '+1 503 555 0109', label: 'mobile' }],
        source: { file: 'x.csv', date: '2026-01-01' },
      },
    ];
    const taken = new Set(['ann-lee', 'bo-ray']);
    const { entries: out, outcomes } = mergeRows('contacts', entries, rows, source, taken);
    expect(outcomes.map((o) => o.action)).toEqual(['hand-written', 'updated', 'added']);
    expect(out[0]).toBe(entries[0]);
    expect(out[1]).toEqual({
      id: 'bo-ray',
      name: 'Bo Ray',
      title: 'Clerk',
      phones: [{ number: '+1 503 555 0101', label: 'mobile' }],
      source,
    });
    expect(out[2]).toEqual({
      id: 'cy-po',
      name: 'Cy Po',
      title: 'Clerk',
      phones: [{ number: '+1 503 555 0102', label: 'mobile' }],
      source,
    });
  });
  test('an imported entry that the row does not change keeps its old source date', () => {
    const { rows } = rowsOf('name,phone_mobile\nBo Ray,+1 503 555 0101\n');
    const old = {
      id: 'bo-ray',
      name: 'Bo Ray',
      phones: [{ number: '+1 503 555 0101', label: 'mobile' }],
      source: { file: 'x.csv', date: '2026-01-01' },
    };
    const { entries, outcomes } = mergeRows('contacts', [old], rows, source, new Set(['bo-ray']));
    expect(outcomes[0]?.action).toBe('unchanged');
    expect(entries[0]).toBe(old);
  });
});
