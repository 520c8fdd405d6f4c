import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseDocument } from 'yaml';
import { checkPeople } from '../../../src/check/people.ts';
import { buildModel } from '../../../src/model/model.ts';
import { loadTables } from '../../../src/model/tables.ts';
import { readClients } from '../../../src/plan/read.ts';
import type { Contact, Plan } from '../../../src/plan/types.ts';
import { irplan, REPO, tempDir } from '../../helpers/cli.ts';
import { copyFixtureClient } from '../../helpers/examples.ts';
import { examplesProject } from '../../helpers/project.ts';

// Accountable people (issue 18, item 6): the checks on plans made in the test, then `irplan validate`
// and `irplan check` on fixture clients with one fault each (tests/fixtures/clients/people-*).

function person(id: string, name: string, roles: string[], number = '+1 503 555 0100'): Contact {
  return { id, name, roles, phones: [{ number, label: 'mobile', out_of_band: true }] };
}

/** A team with every role in place: commander, a separate deputy, communications apart. */
function staffed(): Plan {
  return {
    client: { name: 'Acme Corp' },
    plan: { version: '1.0.0', owner: 'ann', classification: 'TLP:AMBER' },
    contacts: [
      person('ann', 'Ann Lee', ['incident-commander', 'executive-sponsor'], '+1 503 555 0101'),
      person('bo', 'Bo Chen', ['deputy', 'technical-lead'], '+1 503 555 0102'),
      person('cy', 'Cy Diaz', ['communications-lead', 'scribe'], '+1 503 555 0103'),
    ],
  };
}

function found(plan: Plan): string[] {
  return checkPeople(plan).map((w) => `${w.code} ${w.path}: ${w.message}`);
}

function withContacts(contacts: Contact[], more: Partial<Plan> = {}): Plan {
  return { ...staffed(), contacts, ...more };
}

describe('checkPeople', () => {
  test('a staffed team has no warnings', () => {
    expect(found(staffed())).toEqual([]);
  });

  test('no deputy: pointed at the commander role; a commander who is their own deputy is none', () => {
    const [ann, bo, cy] = staffed().contacts as [Contact, Contact, Contact];
    const expected = [
      'IRP_NO_DEPUTY contacts/0/roles/0: no one is deputy incident commander: nobody stands in when Ann Lee cannot be reached',
    ];
    const talker = { ...cy, roles: ['communications-lead'] };
    expect(found(withContacts([ann, { ...bo, roles: ['technical-lead'] }, talker]))).toEqual(expected);
    expect(
      found(withContacts([{ ...ann, roles: ['incident-commander', 'deputy'] }, { ...bo, roles: [] }, talker])),
    ).toEqual(expected);
    // No commander at all is check.ts's IRP_NO_COMMANDER, not a missing deputy as well.
    expect(found(withContacts([{ ...ann, roles: [] }, bo, cy]))).toEqual([]);
  });

  test('a role that needs a person held only by a desk or team; a person beside it is enough', () => {
    const [ann, bo, cy] = staffed().contacts as [Contact, Contact, Contact];
    const soc: Contact = { ...person('soc', 'Security desk', ['executive-sponsor']), kind: 'team' };
    const alone = withContacts([{ ...ann, roles: ['incident-commander'] }, bo, cy, soc]);
    expect(found(alone)).toEqual([
      'IRP_ROLE_NOT_PERSON contacts/3/roles/0: the executive sponsor role is held only by Security desk (a team): a named person must decide and answer for it',
    ]);
    expect(found(withContacts([ann, bo, cy, soc]))).toEqual([]);
    expect(found(withContacts([ann, bo, cy, { ...soc, kind: 'person' }]))).toEqual([]);
    const desk = withContacts([ann, { ...bo, kind: 'desk' }, cy]);
    expect(found(desk)).toEqual([
      'IRP_ROLE_NOT_PERSON contacts/1/roles/0: the deputy incident commander role is held only by Bo Chen (a desk): a named person must decide and answer for it',
    ]);
  });

  test('commander or scribe who also runs communications, with no other deputy', () => {
    const [ann, bo, cy] = staffed().contacts as [Contact, Contact, Contact];
    const lone = withContacts([{ ...ann, roles: ['incident-commander', 'communications-lead'] }, cy]);
    expect(found(lone)).toEqual([
      'IRP_NO_DEPUTY contacts/0/roles/0: no one is deputy incident commander: nobody stands in when Ann Lee cannot be reached',
      'IRP_ROLES_OVERLOADED contacts/0/roles/1: Ann Lee is incident commander and communications lead, and no one else is deputy incident commander to take one of these over',
      'IRP_ROLES_OVERLOADED contacts/1/roles/0: Cy Diaz is scribe and communications lead, and no one else is deputy incident commander to take one of these over',
    ]);
    // The deputy holding scribe and communications has nobody to hand one to.
    const deputy = withContacts([ann, { ...bo, roles: ['deputy', 'scribe', 'communications-lead'] }]);
    expect(found(deputy)).toEqual([
      'IRP_ROLES_OVERLOADED contacts/1/roles/2: Bo Chen is scribe and communications lead, and no one else is deputy incident commander to take one of these over',
    ]);
    expect(found(withContacts([ann, bo, { ...cy, roles: ['communications-lead'] }]))).toEqual([]);
  });

  test('counsel without an out-of-hours number while notice is due within 72 hours', () => {
    const counsel: Contact = {
      id: 'rita',
      name: 'Rita Alvarez',
      groups: ['legal-counsel'],
      phones: [{ number: '+1 312 555 0145', label: 'office' }],
    };
    const plan = (hours: number | undefined, c: Contact[] = [counsel]) =>
      withContacts([...staffed().contacts, ...c], {
        insurance: {
          carrier: 'Harborline Mutual',
          policy_number: 'P-1',
          ...(hours === undefined ? {} : { notice_within_hours: hours }),
        },
      });
    expect(found(plan(72))).toEqual([
      'IRP_COUNSEL_NO_OOH contacts/3/phones: Rita Alvarez (legal counsel) has no out-of-hours number, and notice to Harborline Mutual is due within 72 hours',
    ]);
    expect(found(plan(73))).toEqual([]);
    expect(found(plan(undefined))).toEqual([]);
    const byRole: Contact = { ...counsel, groups: [], roles: ['legal'] };
    expect(found(plan(24, [byRole])).map((w) => w.split(' ')[0])).toEqual(['IRP_COUNSEL_NO_OOH']);
    for (const phone of [
      { number: '+1 312 555 0146', label: 'After-hours line' },
      { number: '+1 312 555 0146', label: 'cell' },
      { number: '+1 312 555 0146', out_of_band: true },
    ])
      expect(found(plan(48, [{ ...counsel, phones: [...counsel.phones, phone] }])), phone.label).toEqual([]);
    // One counsel reachable at night is enough.
    const partner: Contact = {
      ...counsel,
      id: 'hal',
      name: 'Hal Osei',
      phones: [{ number: '+1 503 555 0161', label: 'mobile' }],
    };
    expect(found(plan(48, [counsel, partner]))).toEqual([]);
  });

  test('the first number dialled: toll-free always, abroad only when client.country is given', () => {
    const vendor: Contact = { id: 'v', name: 'Vendor desk', phones: [{ number: '+1 800 555 0166' }] };
    const us = person('us', 'Uma Stone', [], '+1 312 555 0182');
    const sat = person('sat', 'Sat phone', [], '+881 6 3123 4567');
    const national: Contact = { id: 'nat', name: 'Nat Local', phones: [{ number: '(312) 555-0190' }] };
    const contacts = [...staffed().contacts, vendor, us, sat, national];
    expect(found(withContacts(contacts))).toEqual([
      'IRP_FIRST_TOLL_FREE contacts/3/phones/0/number: Vendor desk: the first number dialled, "+1 800 555 0166", is toll-free: it may reach a queue or menu, and may not be reachable from abroad or from every mobile',
    ]);
    const canada = withContacts(contacts, { client: { name: 'Acme Canada', country: 'CA' } });
    // A number written without a country code is read in the client's country: (312) is Chicago's.
    expect(found(canada).map((w) => w.slice(0, w.indexOf(':')))).toEqual([
      'IRP_FIRST_FOREIGN contacts/0/phones/0/number',
      'IRP_FIRST_FOREIGN contacts/1/phones/0/number',
      'IRP_FIRST_FOREIGN contacts/2/phones/0/number',
      'IRP_FIRST_TOLL_FREE contacts/3/phones/0/number',
      'IRP_FIRST_FOREIGN contacts/4/phones/0/number',
      'IRP_FIRST_FOREIGN contacts/6/phones/0/number',
    ]);
    expect(found(canada)[0]).toBe(
      'IRP_FIRST_FOREIGN contacts/0/phones/0/number: Ann Lee: the first number dialled, "+1 503 555 0101", is a US number; the client\'s country is CA',
    );
  });

  test('out-of-band numbers are dialled first; a private one is first in the binder only', () => {
    const c: Contact = {
      id: 'dee',
      name: 'Dee Park',
      phones: [
        { number: '+1 800 555 0111', label: 'office' },
        { number: '+1 800 555 0112', label: 'home', out_of_band: true, private: true },
        { number: '+1 312 555 0113', label: 'mobile', out_of_band: true },
      ],
    };
    expect(found(withContacts([...staffed().contacts, c])).map((w) => w.slice(0, w.indexOf(':')))).toEqual([
      'IRP_FIRST_TOLL_FREE contacts/3/phones/1/number',
    ]);
  });

  test('per-country MSP hotlines: the client country picks one, the others are left alone', () => {
    const soc = { ...person('soc-us', 'SOC US', [], '+1 888 555 0170'), kind: 'team' as const };
    const socCa = { ...person('soc-ca', 'SOC Canada', [], '+1 416 555 0170'), kind: 'team' as const };
    const msp = { name: 'Bluefin', hotlines: { US: 'soc-us', CA: 'soc-ca' } };
    const staff = staffed().contacts.map((c, i) => ({ ...c, phones: [{ number: `+1 416 555 010${i}` }] }));
    const ca = withContacts([...staff, soc, socCa], { msp, client: { name: 'Maple', country: 'CA' } });
    expect(found(ca)).toEqual([]);
    const none = withContacts([...staff, soc, socCa], { msp, client: { name: 'Maple' } });
    expect(found(none)).toEqual([
      'IRP_MSP_NO_HOTLINE client: msp.hotlines cannot be used: the client has no client.country, and there is no msp.hotline: the call lists start without the MSP',
    ]);
    const gb = withContacts([...staff, soc, socCa], { msp, client: { name: 'Thames', country: 'GB' } });
    expect(found(gb)[0]).toBe(
      'IRP_MSP_NO_HOTLINE msp/hotlines: msp.hotlines names no hotline for GB, and there is no msp.hotline: the call lists start without the MSP',
    );
  });
});

/** The tables of a copy of templates/ whose people-rules.yaml (and roles.yaml) went through `edit`. */
function editedTables(edit: (rules: string, roles: string) => [string, string]) {
  const dir = tempDir('irplan-people-rules-');
  cpSync(join(REPO, 'templates', 'data'), join(dir, 'data'), { recursive: true });
  const [rulesFile, rolesFile] = [join(dir, 'data', 'people-rules.yaml'), join(dir, 'data', 'roles.yaml')];
  const [rules, roles] = edit(readFileSync(rulesFile, 'utf8'), readFileSync(rolesFile, 'utf8'));
  writeFileSync(rulesFile, rules);
  writeFileSync(rolesFile, roles);
  return loadTables(dir);
}

describe('the rules are templates/data/people-rules.yaml', () => {
  const [ann, bo, cy] = staffed().contacts as [Contact, Contact, Contact];
  const soc: Contact = { ...person('soc', 'Security desk', ['executive-sponsor']), kind: 'team' };
  const counsel: Contact = {
    id: 'rita',
    name: 'Rita Alvarez',
    groups: ['legal-counsel'],
    phones: [{ number: '+1 312 555 0145', label: 'night line' }],
  };
  const plan = withContacts(
    [{ ...ann, roles: ['incident-commander'] }, { ...bo, roles: ['scribe'] }, cy, soc, counsel],
    {
      insurance: { carrier: 'Harborline Mutual', policy_number: 'P-1', notice_within_hours: 48 },
    },
  );
  const codes = (tables: ReturnType<typeof loadTables>) => checkPeople(plan, tables).map((w) => `${w.code} ${w.path}`);

  test("irplan's own table gives the warnings the checks above expect", () => {
    expect(codes(editedTables((rules, roles) => [rules, roles]))).toEqual([
      'IRP_NO_DEPUTY contacts/0/roles/0',
      'IRP_ROLE_NOT_PERSON contacts/3/roles/0',
      'IRP_ROLES_OVERLOADED contacts/2/roles/0',
      'IRP_COUNSEL_NO_OOH contacts/4/phones',
    ]);
  });

  test('a changed table changes them: roles, stand-ins, the notice window, the words, a rule left out', () => {
    const tables = editedTables((rules, roles) => [
      rules
        .replace('roles: [incident-commander, deputy, executive-sponsor]', 'roles: [incident-commander, deputy]')
        .replace(/stand_in: \[deputy\]/g, 'stand_in: [deputy, scribe]')
        .replace('words: [mobile,', 'words: [night line, mobile,')
        .replace(/- code: IRP_ROLES_OVERLOADED[^#]*/, ''),
      roles,
    ]);
    expect(codes(tables)).toEqual([]);
    const shorter = editedTables((rules, roles) => [
      rules.replace('max_hours: 72', 'max_hours: 24'),
      roles.replace('label: Deputy incident commander', 'label: Second in command'),
    ]);
    expect(checkPeople(plan, shorter).map((w) => w.message)).toEqual([
      'no one is second in command: nobody stands in when Ann Lee cannot be reached',
      'the executive sponsor role is held only by Security desk (a team): a named person must decide and answer for it',
      'Cy Diaz is scribe and communications lead, and no one else is second in command to take one of these over',
    ]);
  });

  test('a rule without the field its check needs is a table error', () => {
    const tables = editedTables((rules, roles) => [rules.replace(/^ *max_hours: 72\n/m, ''), roles]);
    expect(() => checkPeople(plan, tables)).toThrow('people-rules.yaml: the IRP_COUNSEL_NO_OOH rule needs max_hours');
  });
});

/** The people fixtures, one fault each (people-clean has none). */
const FIXTURES = [
  'people-clean',
  'people-counsel-office-hours',
  'people-desk-commander',
  'people-first-foreign',
  'people-first-toll-free',
  'people-no-deputy',
  'people-overloaded',
];

/** What each fixture's warning must point at: the text at its line:col. */
const POINTS_AT: Record<string, string[]> = {
  'people-clean': [],
  'people-counsel-office-hours': ['- { number: "+1 312 555 0145"'],
  'people-desk-commander': ['incident-commander'],
  'people-first-foreign': ['"+1 312 555 0182"'],
  'people-first-toll-free': ['"+1 800 555 0166"'],
  'people-no-deputy': ['incident-commander'],
  'people-overloaded': ['communications-lead'],
};

/** The warnings of this check, not those of the other plan checks (products, backups). */
const PEOPLE_WARNING =
  /warning IRP_(NO_DEPUTY|ROLE_NOT_PERSON|ROLES_OVERLOADED|COUNSEL_NO_OOH|FIRST_TOLL_FREE|FIRST_FOREIGN|MSP_NO_HOTLINE) /;

/** A client's own people warnings (with their hints): those in its folder, not the MSP's defaults. */
function own(stdout: string, slug: string): string[] {
  const lines = stdout.split('\n');
  const mine = (line: string) => line.startsWith(`plans/${slug}/`) && PEOPLE_WARNING.test(line);
  return lines.flatMap((line, i) => (mine(line) ? [line, lines[i + 1] ?? ''] : []));
}

function textAt(root: string, line: string): string {
  const [file, row, col] = line.split(' ')[0]?.split(':') ?? [];
  const text = readFileSync(join(root, file ?? ''), 'utf8').split('\n')[Number(row) - 1] ?? '';
  return text.slice(Number(col) - 1);
}

describe('irplan validate and irplan check on the people fixtures', () => {
  const root = examplesProject('irplan-people-');
  for (const slug of FIXTURES) copyFixtureClient(root, slug);
  const validate = irplan(['validate', ...FIXTURES], { cwd: root });

  test('validate prints the warnings with file:line:col and a hint, and exits 0', () => {
    expect(validate.stderr).toBe('');
    expect(validate.code).toBe(0);
    expect(validate.stdout).toMatch(/^7 plans valid: people-clean, .* \(\d+ warnings\)$/m);
    expect(Object.fromEntries(FIXTURES.map((slug) => [slug, own(validate.stdout, slug)]))).toMatchInlineSnapshot(`
      {
        "people-clean": [],
        "people-counsel-office-hours": [
          "plans/people-counsel-office-hours/plan.yaml:38:7 warning IRP_COUNSEL_NO_OOH Counsel Office Hours Clinic: Rita Alvarez (legal counsel) has no out-of-hours number, and notice to Harborline Mutual is due within 48 hours",
          "  hint: add counsel's mobile or after-hours number with out_of_band: true (or a label such as mobile or out of hours)",
        ],
        "people-desk-commander": [
          "plans/people-desk-commander/plan.yaml:34:13 warning IRP_ROLE_NOT_PERSON Desk Commander Clinic: the incident commander role is held only by Front desk (a desk): a named person must decide and answer for it",
          "  hint: give this role to a named person (kind: person, the default); the team or desk can stay on the call list",
        ],
        "people-first-foreign": [
          "plans/people-first-foreign/plan.yaml:25:19 warning IRP_FIRST_FOREIGN Foreign Number Clinic: Ben Okafor: the first number dialled, "+1 312 555 0182", is a US number; the client's country is CA",
          "  hint: add a number in the client's country with out_of_band: true (dialled first); for the MSP, a line in msp.hotlines",
        ],
        "people-first-toll-free": [
          "plans/people-first-toll-free/plan.yaml:36:19 warning IRP_FIRST_TOLL_FREE Toll Free Clinic: Records vendor support desk: the first number dialled, "+1 800 555 0166", is toll-free: it may reach a queue or menu, and may not be reachable from abroad or from every mobile",
          "  hint: add a direct number with out_of_band: true (dialled first) and keep the toll-free one after it",
        ],
        "people-no-deputy": [
          "plans/people-no-deputy/plan.yaml:16:13 warning IRP_NO_DEPUTY No Deputy Clinic: no one is deputy incident commander: nobody stands in when Ana Diaz cannot be reached",
          "  hint: give a second person roles: [deputy], to run the response when the commander cannot be reached",
        ],
        "people-overloaded": [
          "plans/people-overloaded/plan.yaml:22:29 warning IRP_ROLES_OVERLOADED Overloaded Clinic: Ben Okafor is scribe and communications lead, and no one else is deputy incident commander to take one of these over",
          "  hint: give communications-lead to someone else, or name another person deputy (roles: [deputy]) to take a role over",
        ],
      }
    `);
  });

  test.each(FIXTURES)('%s: each warning points at the offending value', (slug) => {
    const heads = own(validate.stdout, slug).filter((l) => !l.startsWith('  hint: '));
    expect(heads.map((l, i) => textAt(root, l).slice(0, POINTS_AT[slug]?.[i]?.length ?? 0))).toEqual(POINTS_AT[slug]);
  });

  test('check prints the same warnings as findings, and they count for --strict', () => {
    const r = irplan(['check', 'people-overloaded', '--today', '2026-10-01', '--ics', tempDir()], { cwd: root });
    expect(r.code).toBe(0);
    // The maintenance findings (never verified, no exercise) come first; the warning follows.
    expect(r.stdout).toContain(own(validate.stdout, 'people-overloaded').join('\n'));
    const strict = irplan(['check', 'people-overloaded', '--strict', '--today', '2026-10-01', '--ics', tempDir()], {
      cwd: root,
    });
    expect(strict.code).toBe(1);
    expect(r.stdout).toMatch(/^people-overloaded: \d+ findings on October 1, 2026/m);
  });
});

describe('the examples', () => {
  test('validate prints no people warnings: the first numbers dialled are direct lines', () => {
    const root = examplesProject('irplan-people-examples-');
    const r = irplan(['validate'], { cwd: root });
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').filter((l) => PEOPLE_WARNING.test(l))).toEqual([]);
  });
});

describe('per-country MSP hotlines in defaults.yaml', () => {
  const root = examplesProject('irplan-people-msp-');
  copyFixtureClient(root, 'people-msp-ca');
  const file = join(root, 'plans', 'defaults.yaml');
  const doc = parseDocument(readFileSync(file, 'utf8'));
  doc.setIn(['msp', 'hotlines'], doc.createNode({ US: 'bluefin-soc', CA: 'bluefin-soc-ca' }, { flow: true }));
  doc.addIn(
    ['contacts'],
    doc.createNode({
      id: 'bluefin-soc-ca',
      name: 'Bluefin Security Operations Center, Canada',
      organization: 'Bluefin Managed IT',
      kind: 'team',
      groups: ['msp'],
      phones: [{ number: '+1 416 555 0170', label: '24x7 hotline', out_of_band: true }],
    }),
  );
  writeFileSync(file, doc.toString());

  test('the Canadian client calls the Canadian line first; the US one is not warned about for it', () => {
    const r = irplan(['validate', 'people-msp-ca', 'northwind-logistics'], { cwd: root });
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').filter((l) => PEOPLE_WARNING.test(l))).toMatchInlineSnapshot(`
      [
        "plans/defaults.yaml:31:19 warning IRP_FIRST_FOREIGN Maple Street Clinic: Priya Raman: the first number dialled, "+1 503 555 0177", is a US number; the client's country is CA",
      ]
    `);
    const read = readClients(join(root, 'plans'), ['people-msp-ca', 'northwind-logistics']);
    const tables = loadTables(join(REPO, 'templates'));
    const first = read.clients.map((c) => {
      const m = buildModel(c.plan, tables, { slug: c.slug, audience: 'print', buildDate: '2026-11-01', draft: false });
      return `${c.slug}: ${m.msp.hotline?.id} ${m.firstCalls[0]?.first?.number}`;
    });
    expect(first).toEqual([
      'people-msp-ca: bluefin-soc-ca +1 416 555 0170',
      'northwind-logistics: bluefin-soc +1 503 555 0170',
    ]);
  });
});
