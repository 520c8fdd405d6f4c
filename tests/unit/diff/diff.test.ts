import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { diffPlans } from '../../../src/diff/diff.ts';
import { escapeMarkdownReadable as mdText } from '../../../src/shared/markdown.ts';
import { readClients } from '../../../src/plan/read.ts';
import type { Plan } from '../../../src/plan/types.ts';
import { irplan } from '../../helpers/cli.ts';
import { examplePlans } from '../../helpers/project.ts';
import { NEW_ASSET, planRepo } from '../../helpers/repo.ts';

function example(slug = 'northwind-logistics'): Plan {
  const read = readClients(examplePlans(), [slug]);
  if (!read.clients[0]) throw new Error(read.errors.map((e) => e.message).join('\n'));
  return read.clients[0].plan;
}

describe('diffPlans', () => {
  test('the same plan means the same, whatever the order of keys', () => {
    const plan = example();
    const reordered = {
      ...plan,
      contacts: plan.contacts.map((c) => Object.fromEntries(Object.entries(c).reverse()) as unknown as typeof c),
    };
    expect(diffPlans(plan, reordered)).toEqual([]);
  });

  test('a changed phone names the person and shows only the number that changed', () => {
    const before = example();
    const after = structuredClone(before);
    const dev = after.contacts.find((c) => c.id === 'dev-patel');
    if (!dev?.phones[0]) throw new Error('example changed');
    dev.phones[0].number = '+1 503 555 0999';
    const [change, ...rest] = diffPlans(before, after);
    expect(rest).toEqual([]);
    expect(change?.text).toBe(
      'Dev Patel: phone +1 503 555 0143 (mobile, out of band) → +1 503 555 0999 (mobile, out of band)',
    );
    expect(change?.insurer).toBeNull();
  });

  test('a new incident commander and a new asset owner are named and flagged for the insurer', () => {
    const before = example();
    const after = structuredClone(before);
    after.contacts.find((c) => c.id === 'ken-ito')?.roles?.push('incident-commander');
    const dc = after.assets?.find((a) => a.id === 'dc01');
    if (dc) dc.owner = 'maria-lopez';
    const texts = diffPlans(before, after).map((c) => [c.text, c.insurer]);
    expect(texts).toEqual([
      ['Ken Ito: roles added incident-commander', 'the incident commander changed'],
      ['Domain controller DC01: owner Dev Patel → Maria Lopez', 'a critical asset changed'],
    ]);
  });

  test('insurance panel, consent and removal of a contact read as sentences', () => {
    const before = example();
    const after = structuredClone(before);
    if (!after.insurance) throw new Error('example changed');
    after.insurance.panel = [{ name: 'Cobalt Forensics', service: 'forensics', phone: '+1 800 555 0125' }];
    after.insurance.consent_required_for = ['ransom-payment'];
    after.contacts = after.contacts.filter((c) => c.id !== 'fbi-portland');
    expect(diffPlans(before, after).map((c) => c.text)).toEqual([
      'Contact removed: FBI Portland Field Office',
      'Cobalt Forensics: phone +1 800 555 0123 → +1 800 555 0125',
      'Panel vendor removed: Whitfield Privacy Law',
      'Consent required for: removed engaging-vendors',
      'Consent required for: removed public-statements',
      'Consent required for: removed system-changes',
    ]);
  });

  test('a released version carries its summary', () => {
    const before = example();
    const after = structuredClone(before);
    after.plan.version = '2.2.0';
    after.plan.history = [{ version: '2.2.0', date: '2026-11-27', summary: 'New NAS.' }, ...(after.plan.history ?? [])];
    expect(diffPlans(before, after).map((c) => c.text)).toEqual(['Plan: version 2.1.0 → 2.2.0 (New NAS.)']);
  });
});

describe('mdText', () => {
  test('client text cannot become a link, HTML or code in a comment', () => {
    expect(mdText('[x](https://evil.example) <b>`y`</b> www.z.example a@b.example')).toBe(
      '\\[x\\](https\u2060://evil.example) \\<b\\>\\`y\\`\\</b\\> www\u2060.z.example a\u2060@b.example',
    );
  });
});

describe('irplan diff in a git repository', () => {
  const repo = planRepo({ templates: true });
  repo.edit('plans/northwind-logistics/plan.yaml', (t) =>
    t
      .replace('+1 503 555 0143', '+1 503 555 0999')
      .replace('notice_within_hours: 48', 'notice_within_hours: 72')
      .replace('data_flows:\n', NEW_ASSET),
  );
  repo.commit('Dev has a new number, 72 h notice, NAS02');

  test('prints plain text by default: the three changes, no Markdown, nothing of the other client', () => {
    const r = irplan(['diff', 'HEAD~1', 'HEAD'], { cwd: repo.dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Plan changes: HEAD~1 \([0-9a-f]{7}\) → HEAD \([0-9a-f]{7}\)\n/);
    expect(r.stdout).toContain('\nNorthwind Logistics (northwind-logistics)\n');
    expect(r.stdout).toContain(
      '  - Dev Patel: phone +1 503 555 0143 (mobile, out of band) → +1 503 555 0999 (mobile, out of band)\n',
    );
    expect(r.stdout).toContain('  - Insurance: notice deadline (hours) 48 → 72 [tell the insurer?]\n');
    expect(r.stdout).toMatch(
      / {2}- Asset added: File server NAS02 \(.*criticality critical, owner Dev Patel.*\) \[tell/,
    );
    // No Markdown: no heading, bold, code span, quote or backslash escape.
    expect(r.stdout).not.toMatch(/^#|^>|\*\*|`|\\[\\`*_{}[\]<>#|~&$()]/m);
    expect(r.stdout).not.toMatch(/cedar|Cedar/);
  });

  test('--format md is Markdown for a pull-request comment', () => {
    const r = irplan(['diff', 'HEAD~1', 'HEAD', '--format', 'md'], { cwd: repo.dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('### Northwind Logistics (`northwind-logistics`)');
    expect(r.stdout).toContain(
      '- Dev Patel: phone +1 503 555 0143 (mobile, out of band) → +1 503 555 0999 (mobile, out of band)\n',
    );
    expect(r.stdout).toContain('- Insurance: notice deadline (hours) 48 → 72 ⚠️');
    expect(r.stdout).toMatch(/- Asset added: File server NAS02 \(.*criticality critical, owner Dev Patel.*\) ⚠️/);
    expect(r.stdout).not.toMatch(/cedar|Cedar/);
  });

  test('--format json parses and holds the same changes', () => {
    const r = irplan(['diff', 'HEAD~1', 'HEAD', '--format', 'json'], { cwd: repo.dir });
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as {
      clients: {
        slug: string;
        notifyInsurer: boolean;
        changes: { area: string; subject: string; field: string | null; before: string | null; after: string | null }[];
      }[];
    };
    expect(report.clients.map((c) => c.slug)).toEqual(['northwind-logistics']);
    const client = report.clients[0];
    expect(client?.notifyInsurer).toBe(true);
    expect(client?.changes.map((c) => [c.area, c.subject, c.field])).toEqual([
      ['contact', 'Dev Patel', 'phone'],
      ['asset', 'File server NAS02', null],
      ['insurance', 'insurance', 'notice deadline (hours)'],
    ]);
  });

  test('lists the binder sections whose text changes, by id and title', () => {
    const r = irplan(['diff', 'HEAD~1', 'HEAD', '--format', 'json'], { cwd: repo.dir });
    const client = (
      JSON.parse(r.stdout) as {
        clients: { sections: { id: string; title: string }[] | null; sectionsError: string | null }[];
      }
    ).clients[0];
    expect(client?.sectionsError).toBeNull();
    const ids = client?.sections?.map((x) => x.id);
    expect(ids).toContain('contacts');
    expect(ids).toContain('assets');
    expect(ids).not.toContain('index');
  });

  test('a shared template affects every client; a client override only that client', () => {
    repo.edit('templates/sections/00-index.md.hbs', (t) => `${t}\nReviewed.\n`);
    mkdirSync(join(repo.dir, 'plans/cedar-dental/templates/sections'), { recursive: true });
    writeFileSync(
      join(repo.dir, 'plans/cedar-dental/templates/sections/99-local.md.hbs'),
      '---\nid: local\ntitle: Local notes\norder: 99\nkind: section\n---\n# Local notes\n',
    );
    const r = irplan(['diff', 'HEAD', '--format', 'json'], { cwd: repo.dir });
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as {
      head: { commit: string | null };
      templates: { path: string; action: string; clients: string[] }[];
    };
    expect(report.head.commit).toBeNull();
    expect(report.templates).toEqual([
      { path: 'plans/cedar-dental/templates/sections/99-local.md.hbs', action: 'added', clients: ['cedar-dental'] },
      {
        path: 'templates/sections/00-index.md.hbs',
        action: 'changed',
        clients: ['cedar-dental', 'northwind-logistics'],
      },
    ]);
  });

  test('a new client is one line; a client invalid at head is listed with its errors and exits 1', () => {
    mkdirSync(join(repo.dir, 'plans/acme'), { recursive: true });
    writeFileSync(
      join(repo.dir, 'plans/acme/plan.yaml'),
      'client: { name: Acme Corp }\nplan: { version: "1.0.0", owner: ann, classification: TLP:AMBER }\ncontacts:\n  - { id: ann, name: Ann Lee, phones: [{ number: "+1 503 555 0100" }] }\n',
    );
    repo.edit('plans/cedar-dental/plan.yaml', (t) => t.replace('owner: grace-kim', 'owner: nobody'));
    const text = irplan(['diff', 'HEAD'], { cwd: repo.dir });
    expect(text.code).toBe(1);
    expect(text.stdout).toContain(
      'Acme Corp (acme): client added\n  Client\n  - Client added: Acme Corp (plan 1.0.0, 3 contacts, 0 assets, no cyber insurance)\n',
    );
    expect(text.stdout).toMatch(
      /\ncedar-dental could not be compared: invalid at head\n {2}plans\/cedar-dental\/plan\.yaml:\d+:\d+ error IRP_UNKNOWN_REF plan\.owner names the contact "nobody"/,
    );
    const r = irplan(['diff', 'HEAD', '--format', 'md'], { cwd: repo.dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      '### Acme Corp (`acme`): client added\n\n**Client**\n- Client added: Acme Corp (plan 1.0.0, 3 contacts, 0 assets, no cyber insurance)\n',
    );
    expect(r.stdout).toMatch(
      /### `cedar-dental` could not be compared: invalid at head\n\n```\nplans\/cedar-dental\/plan\.yaml:\d+:\d+ error IRP_UNKNOWN_REF plan\.owner names the contact "nobody"/,
    );
    repo.git(['checkout', '-q', '--', 'plans/cedar-dental']);
  });

  test('client text reads as written in plain text and stays text in Markdown; control characters never reach a terminal', () => {
    const odd = planRepo();
    odd.edit('plans/northwind-logistics/plan.yaml', (t) =>
      t.replace('name: Dev Patel', 'name: "Dev_Patel *ops* [x](y) \\u001b[31m\\u009b2J\\u202e"'),
    );
    odd.commit('a name full of punctuation');
    const text = irplan(['diff', 'HEAD~1', 'HEAD'], { cwd: odd.dir });
    expect(text.stderr).toBe('');
    expect(text.stdout).toContain(
      '  - Dev_Patel *ops* [x](y)  [31m 2J: name Dev Patel → Dev_Patel *ops* [x](y)  [31m 2J\n',
    );
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for escape characters that must not reach a terminal
    expect(text.stdout).not.toMatch(/[\u001b\u009b\u202e]/);
    const md = irplan(['diff', 'HEAD~1', 'HEAD', '--format', 'md'], { cwd: odd.dir });
    expect(md.stdout).toContain('- Dev\\_Patel \\*ops\\* \\[x\\](y)');
  });

  test('an unknown format is a user error that names the three', () => {
    const r = irplan(['diff', 'HEAD~1', 'HEAD', '--format', 'html'], { cwd: repo.dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'error IRP_ARGS diff: unknown format "html"\n  hint: use --format text (the default), --format md or --format json',
    );
  });

  test('an unknown ref is a user error with a hint', () => {
    const r = irplan(['diff', 'no-such-branch'], { cwd: repo.dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error IRP_GIT_REF "no-such-branch" is not a commit in this repository\n {2}hint: /);
  });

  test('templates at the base that no longer render still give the changes in meaning', () => {
    const old = planRepo({ templates: true });
    old.edit('templates/data/severities.yaml', () => 'just text\n');
    old.commit('tables from another era');
    old.git(['checkout', '-q', 'HEAD~1', '--', 'templates/data/severities.yaml']);
    old.edit('plans/northwind-logistics/plan.yaml', (t) => t.replace('+1 503 555 0143', '+1 503 555 0999'));
    old.commit('tables back; Dev has a new number');
    const r = irplan(['diff', 'HEAD~1', 'HEAD', '--format', 'json'], { cwd: old.dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const client = (
      JSON.parse(r.stdout) as {
        clients: { changes: { text: string }[]; sections: unknown; sectionsError: string | null }[];
      }
    ).clients[0];
    expect(client?.changes.map((c) => c.text)).toEqual([
      'Dev Patel: phone +1 503 555 0143 (mobile, out of band) → +1 503 555 0999 (mobile, out of band)',
    ]);
    expect(client?.sections).toBeNull();
    expect(client?.sectionsError).toMatch(/^the binder did not render: IRP_TABLE severities\.yaml: /);
  });
});
