import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadClient } from '../../../src/plan/client.ts';
import { mergeLayers } from '../../../src/plan/merge.ts';
import { loadYamlFile } from '../../../src/plan/yaml.ts';
import type { LoadedFile } from '../../../src/plan/yaml.ts';
import { tempDir } from '../../helpers/cli.ts';

/** Writes files (path -> text) into a fresh folder and returns it. */
function tree(files: Record<string, string>): string {
  const root = tempDir('irplan-load-');
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(join(root, rel, '..'), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  return root;
}

const short = (pos: { file: string; line: number; col: number } | undefined) =>
  pos && `${pos.file.split('/').pop()}:${pos.line}:${pos.col}`;

describe('loadYamlFile', () => {
  test('records where each value and each key was written', () => {
    const root = tree({
      'p.yaml': 'client:\n  name: Acme\ncontacts:\n  - id: a\n    phones:\n      - { number: "+1 503 555 0142" }\n',
    });
    const f = loadYamlFile(join(root, 'p.yaml'));
    expect(f.data).toEqual({
      client: { name: 'Acme' },
      contacts: [{ id: 'a', phones: [{ number: '+1 503 555 0142' }] }],
    });
    expect(short(f.positions.get('client/name'))).toBe('p.yaml:2:9');
    expect(short(f.keyPositions.get('client/name'))).toBe('p.yaml:2:3');
    expect(short(f.positions.get('contacts/0'))).toBe('p.yaml:4:5');
    expect(short(f.positions.get('contacts/0/phones/0/number'))).toBe('p.yaml:6:19');
  });

  test('a key with no value is positioned at the key', () => {
    const root = tree({ 'p.yaml': 'client:\n  name:\n' });
    const f = loadYamlFile(join(root, 'p.yaml'));
    expect(f.data).toEqual({ client: { name: null } });
    expect(short(f.positions.get('client/name'))).toBe('p.yaml:2:3');
  });

  test('an empty file and a comment-only file are empty plans, not crashes', () => {
    const root = tree({ 'a.yaml': '', 'b.yaml': '# nothing yet\n' });
    expect(loadYamlFile(join(root, 'a.yaml')).data).toEqual({});
    expect(loadYamlFile(join(root, 'b.yaml')).data).toEqual({});
  });

  test('dates and numbers stay as YAML 1.2 core reads them: dates as strings, no sexagesimals', () => {
    const root = tree({ 'p.yaml': 'a: 2026-11-01\nb: 1:30\nc: 0123\nd: yes\ne: true\n' });
    expect(loadYamlFile(join(root, 'p.yaml')).data).toEqual({ a: '2026-11-01', b: '1:30', c: 123, d: 'yes', e: true });
  });
});

function layer(data: Record<string, unknown>, file: string, paths: string[]): Omit<LoadedFile, 'file'> {
  const positions = new Map(paths.map((p, i) => [p, { file, line: i + 1, col: 1 }]));
  return { data, positions, keyPositions: new Map(positions) };
}

describe('mergeLayers (defaults under a client)', () => {
  const base = layer(
    {
      msp: { name: 'Bluefin', color: '#000000' },
      plan: { paper: 'letter', review: { every_months: 12 } },
      contacts: [{ id: 'soc' }],
      regulations: ['gdpr'],
    },
    'defaults.yaml',
    [
      'msp',
      'msp/name',
      'msp/color',
      'plan',
      'plan/paper',
      'plan/review/every_months',
      'contacts',
      'contacts/0',
      'contacts/0/id',
      'regulations',
    ],
  );
  const top = layer(
    {
      msp: { color: '#ffffff' },
      plan: { version: '1.0.0', paper: 'a4' },
      contacts: [{ id: 'ana' }, { id: 'ben' }],
      regulations: ['hipaa'],
    },
    'plan.yaml',
    [
      'msp',
      'msp/color',
      'plan',
      'plan/version',
      'plan/paper',
      'contacts',
      'contacts/0',
      'contacts/0/id',
      'contacts/1/id',
      'regulations',
    ],
  );
  const merged = mergeLayers(base, top);

  test('maps merge key by key and the client wins', () => {
    expect(merged.data.msp).toEqual({ name: 'Bluefin', color: '#ffffff' });
    expect(merged.data.plan).toEqual({ paper: 'a4', review: { every_months: 12 }, version: '1.0.0' });
  });

  test("the MSP contacts are appended after the client's; other lists are replaced", () => {
    expect(merged.data.contacts).toEqual([{ id: 'ana' }, { id: 'ben' }, { id: 'soc' }]);
    expect(merged.data.regulations).toEqual(['hipaa']);
  });

  test('every value keeps the position of the file it came from, renumbered for appended contacts', () => {
    expect(short(merged.positions.get('msp/name'))).toBe('defaults.yaml:2:1');
    expect(short(merged.positions.get('msp/color'))).toBe('plan.yaml:2:1');
    expect(short(merged.positions.get('plan/review/every_months'))).toBe('defaults.yaml:6:1');
    expect(short(merged.positions.get('contacts/1/id'))).toBe('plan.yaml:9:1');
    expect(short(merged.positions.get('contacts/2/id'))).toBe('defaults.yaml:9:1');
    expect(merged.positions.get('contacts/0/id')?.file).toBe('plan.yaml');
  });

  test('neither layer is changed by the merge', () => {
    expect(base.data.contacts).toEqual([{ id: 'soc' }]);
    expect(top.data.msp).toEqual({ color: '#ffffff' });
  });
});

describe('loadClient', () => {
  test('sibling files add whole sections, with their own file positions', () => {
    const root = tree({
      'plans/acme/plan.yaml': 'client:\n  name: Acme\n',
      'plans/acme/insurance.yaml': '# the policy\ninsurance:\n  carrier: Harborline\n',
      'plans/acme/notes.txt': 'not YAML, ignored\n',
    });
    const { source, errors } = loadClient(join(root, 'plans'), 'acme', undefined);
    expect(errors).toEqual([]);
    expect(source?.files.map((f) => f.split('/').pop())).toEqual(['plan.yaml', 'insurance.yaml']);
    expect(source?.data).toEqual({ client: { name: 'Acme' }, insurance: { carrier: 'Harborline' } });
    expect(short(source?.positions.get('insurance/carrier'))).toBe('insurance.yaml:3:12');
  });

  test('a section in two files is an error at the second, and the client does not load', () => {
    const root = tree({
      'plans/acme/plan.yaml': 'client:\n  name: Acme\n',
      'plans/acme/more.yaml': 'client:\n  name: Other\n',
    });
    const { source, errors } = loadClient(join(root, 'plans'), 'acme', undefined);
    expect(source).toBeUndefined();
    expect(errors.map((e) => `${short(e.position)} ${e.code} ${e.message}`)).toEqual([
      'more.yaml:1:1 IRP_DUPLICATE_SECTION the section "client" is also in plan.yaml',
    ]);
  });

  test('errors of every file are collected, not only the first', () => {
    const root = tree({ 'plans/acme/plan.yaml': 'client: [\n', 'plans/acme/x.yaml': 'a: &x 1\n' });
    const { errors } = loadClient(join(root, 'plans'), 'acme', undefined);
    expect(errors.map((e) => e.code).sort()).toEqual(['IRP_YAML', 'IRP_YAML_ALIAS']);
  });

  test('the defaults file merges under the client with positions from both files', () => {
    const root = tree({
      'plans/defaults.yaml': 'msp:\n  name: Bluefin\n',
      'plans/acme/plan.yaml': 'client:\n  name: Acme\n',
    });
    const defaults = loadYamlFile(join(root, 'plans', 'defaults.yaml'));
    const { source } = loadClient(join(root, 'plans'), 'acme', defaults);
    expect(source?.data).toEqual({ msp: { name: 'Bluefin' }, client: { name: 'Acme' } });
    expect(short(source?.positions.get('msp/name'))).toBe('defaults.yaml:2:9');
    expect(short(source?.positions.get('client/name'))).toBe('plan.yaml:2:9');
  });

  test('read without positions (the quick first pass): the same data, the same YAML errors, no positions', () => {
    const root = tree({
      'plans/defaults.yaml': 'msp:\n  name: Bluefin\ncontacts:\n  - id: soc\n',
      'plans/acme/plan.yaml': 'client:\n  name: Acme\ncontacts:\n  - id: it\n    phones: [{ number: "1" }]\n',
    });
    const defaults = loadYamlFile(join(root, 'plans', 'defaults.yaml'));
    const full = loadClient(join(root, 'plans'), 'acme', defaults);
    const quick = loadClient(join(root, 'plans'), 'acme', defaults, { positions: false });
    expect(quick.source?.data).toEqual(full.source?.data);
    expect(quick.source?.positions.size).toBe(0);
    expect(full.source?.positions.size).toBeGreaterThan(5);
    const bad = tree({ 'plans/acme/plan.yaml': 'client:\n  name: &a Acme\n  <<: x\n' });
    const errs = (positions: boolean) =>
      loadClient(join(bad, 'plans'), 'acme', undefined, { positions }).errors.map(
        (e) => `${short(e.position)} ${e.code}`,
      );
    expect(errs(false)).toEqual(errs(true));
    expect(errs(false)).toEqual(['plan.yaml:2:9 IRP_YAML_ALIAS']);
  });
});
