import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { editRelease } from '../../src/release/planedit.ts';
import { bumpVersion } from '../../src/release/release.ts';
import { irplan } from '../helpers/cli.ts';
import { NEW_ASSET, planRepo } from '../helpers/repo.ts';

const PLAN = 'plans/northwind-logistics/plan.yaml';
const RELEASE = { version: '1.1.0', date: '2026-11-27', summary: 'New NAS', approver: 'Ann Lee' };
const NW_APPROVER = 'Maria Lopez, Operations Director';

describe('editRelease keeps the file as written', () => {
  test('a plan without history gets one, indented like its siblings; comments stay', () => {
    const text =
      'plan:\n  version: "1.0.0"   # bump with irplan release\n  owner: ann\n  review: { every_months: 12 }\ncontacts: []\n';
    expect(editRelease('plan.yaml', text, RELEASE)).toBe(
      'plan:\n  version: "1.1.0"   # bump with irplan release\n  owner: ann\n  review: { every_months: 12 }\n  history:\n    - { version: "1.1.0", date: 2026-11-27, summary: "New NAS", approver: "Ann Lee" }\ncontacts: []\n',
    );
  });

  test('a flow history gets the entry first', () => {
    const text = 'plan:\n  version: "1.0.0"\n  history: [{ version: "1.0.0", date: 2026-01-01 }]\n';
    expect(editRelease('plan.yaml', text, RELEASE)).toBe(
      'plan:\n  version: "1.1.0"\n  history: [{ version: "1.1.0", date: 2026-11-27, summary: "New NAS", approver: "Ann Lee" }, { version: "1.0.0", date: 2026-01-01 }]\n',
    );
  });

  test('a CRLF file stays CRLF', () => {
    const text = 'plan:\r\n  version: "1.0.0"\r\n  history:\r\n    - { version: "1.0.0", date: 2026-01-01 }\r\n';
    expect(editRelease('plan.yaml', text, RELEASE)).toBe(
      'plan:\r\n  version: "1.1.0"\r\n  history:\r\n    - { version: "1.1.0", date: 2026-11-27, summary: "New NAS", approver: "Ann Lee" }\r\n    - { version: "1.0.0", date: 2026-01-01 }\r\n',
    );
  });

  test('an entry without a summary (release --as-is without -m) records version, date and approver', () => {
    const text = 'plan:\n  version: "1.0.0"\n  owner: ann\n';
    const { summary: _none, ...asIs } = { ...RELEASE, version: '1.0.0' };
    expect(editRelease('plan.yaml', text, asIs)).toBe(
      'plan:\n  version: "1.0.0"\n  owner: ann\n  history:\n    - { version: "1.0.0", date: 2026-11-27, approver: "Ann Lee" }\n',
    );
  });

  test('versions bump by part; as-is keeps it', () => {
    expect(['patch', 'minor', 'major', 'as-is'].map((b) => bumpVersion('2.1.3', b as 'patch'))).toEqual([
      '2.1.4',
      '2.2.0',
      '3.0.0',
      '2.1.3',
    ]);
  });
});

describe('irplan release, then diff, in a git repository', () => {
  const repo = planRepo();

  test('release bumps the version, records history with plan.approver by name and title, commits only plan.yaml and tags it', () => {
    writeFileSync(join(repo.dir, 'notes.txt'), 'staged, not part of the release\n');
    repo.git(['add', 'notes.txt']);
    const r = irplan(
      ['release', 'northwind-logistics', '--minor', '-m', 'Added NAS02 and new numbers', '--date', '2026-11-27'],
      { cwd: repo.dir },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^released northwind-logistics 2\.2\.0, approved by Maria Lopez, Operations Director: commit [0-9a-f]{7} \(plans\/northwind-logistics\/plan\.yaml\), tag northwind-logistics@2\.2\.0\n/,
    );
    // The approver is the client's contact, never the git user who ran the command (Test Consultant).
    expect(repo.git(['show', '--name-only', '--format=%B', 'HEAD'])).toBe(
      `northwind-logistics: release 2.2.0\n\nAdded NAS02 and new numbers\n\nApproved-by: ${NW_APPROVER}\n\n\nplans/northwind-logistics/plan.yaml`,
    );
    expect(repo.git(['rev-parse', 'northwind-logistics@2.2.0^{commit}'])).toBe(repo.git(['rev-parse', 'HEAD']));
    expect(repo.git(['diff', '--numstat', 'HEAD~1', 'HEAD'])).toBe('3\t2\tplans/northwind-logistics/plan.yaml');
    const diff = repo.git(['diff', '-U0', 'HEAD~1', 'HEAD']);
    expect(diff).toContain('+  version: "2.2.0"');
    expect(diff).toContain(
      `+    - { version: "2.2.0", date: 2026-11-27, summary: "Added NAS02 and new numbers", approver: "${NW_APPROVER}" }`,
    );
    expect(diff).not.toContain('Test Consultant');
    expect(repo.git(['status', '--porcelain'])).toBe('A  notes.txt');
    repo.git(['rm', '-q', '--cached', 'notes.txt']);
  });

  test('diff HEAD~1 HEAD names the phone, the notice window and the new asset, and no other client', () => {
    repo.edit(PLAN, (t) =>
      t
        .replace('+1 503 555 0143', '+1 503 555 0999')
        .replace('notice_within_hours: 48', 'notice_within_hours: 24')
        .replace('data_flows:\n', NEW_ASSET),
    );
    repo.commit('Dev Patel has a new number; 24 h notice; NAS02');
    const r = irplan(['diff', 'HEAD~1', 'HEAD'], { cwd: repo.dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'Dev Patel: phone +1 503 555 0143 (mobile, out of band) → +1 503 555 0999 (mobile, out of band)',
    );
    expect(r.stdout).toContain('Insurance: notice deadline (hours) 48 → 24');
    expect(r.stdout).toContain('Asset added: File server NAS02');
    expect(r.stdout).toContain('Tell the insurer?');
    expect(r.stdout).not.toMatch(/cedar|Cedar/);
    const json = JSON.parse(irplan(['diff', 'HEAD~1', 'HEAD', '--format', 'json'], { cwd: repo.dir }).stdout) as {
      clients: { slug: string; changes: unknown[] }[];
    };
    expect(json.clients.map((c) => [c.slug, c.changes.length])).toEqual([['northwind-logistics', 3]]);
  });

  test('diff across the release shows the new version with its summary', () => {
    const r = irplan(['diff', 'HEAD~2', 'HEAD~1'], { cwd: repo.dir });
    expect(r.stdout).toContain('- Plan: version 2.1.0 → 2.2.0 (Added NAS02 and new numbers)');
  });

  test('--approver takes another contact by id; a name is refused with the id to use', () => {
    const byName = irplan(['release', 'northwind-logistics', '--patch', '-m', 'x', '--approver', 'Dev Patel'], {
      cwd: repo.dir,
    });
    expect(byName.code).toBe(1);
    expect(byName.stderr).toMatch(
      /^error IRP_ARGS --approver "Dev Patel" is not the id of a contact of northwind-logistics\n {2}hint: did you mean --approver dev-patel\?/,
    );
    const r = irplan(
      [
        'release',
        'northwind-logistics',
        '--patch',
        '-m',
        'New numbers',
        '--approver',
        'dev-patel',
        '--date',
        '2026-12-01',
      ],
      { cwd: repo.dir },
    );
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^released northwind-logistics 2\.2\.1, approved by Dev Patel, /);
    expect(repo.git(['diff', '-U0', 'HEAD~1', 'HEAD'])).toMatch(/approver: "Dev Patel, [^"]+" \}/);
  });

  test('refuses a client folder with uncommitted changes, and leaves no tag', () => {
    repo.edit(PLAN, (t) => `${t}# a note\n`);
    const r = irplan(['release', 'northwind-logistics', '--patch', '-m', 'x'], { cwd: repo.dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^error IRP_RELEASE_DIRTY plans\/northwind-logistics has uncommitted changes: plans\/northwind-logistics\/plan\.yaml\n {2}hint: /,
    );
    expect(repo.git(['tag', '--list'])).toBe('northwind-logistics@2.2.0\nnorthwind-logistics@2.2.1');
    repo.git(['checkout', '-q', '--', PLAN]);
  });

  test('refuses a plan that names no approver, at its plan: section, with the hint to add one', () => {
    repo.edit(PLAN, (t) => t.replace(/\n {2}approver: maria-lopez[^\n]*/, ''));
    repo.commit('no approver');
    const r = irplan(['release', 'northwind-logistics', '--patch', '-m', 'x'], { cwd: repo.dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^plans\/northwind-logistics\/plan\.yaml:11:1 error IRP_RELEASE_APPROVER plans\/northwind-logistics names no approver, and a release records who approved it\n {2}hint: add approver: <contact id> under plan: .*e\.g\. approver: maria-lopez.*--approver <contact-id>/,
    );
    expect(repo.git(['log', '-1', '--format=%s'])).toBe('no approver');
    // diff names the approver as a person, like the owner.
    expect(irplan(['diff', 'HEAD~1', 'HEAD'], { cwd: repo.dir }).stdout).toContain('- Plan: approver Maria Lopez');
  });

  test('refuses an invalid plan with its errors: an unknown approver is one, with its position', () => {
    repo.edit(PLAN, (t) =>
      t.replace('owner: maria-lopez\n  classification', 'owner: nobody\n  approver: maria-lopz\n  classification'),
    );
    repo.commit('break the owner and the approver');
    const r = irplan(['release', 'northwind-logistics', '--patch', '-m', 'x'], { cwd: repo.dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /plans\/northwind-logistics\/plan\.yaml:14:10 error IRP_UNKNOWN_REF plan\.owner names the contact "nobody"/,
    );
    expect(r.stderr).toMatch(
      /plans\/northwind-logistics\/plan\.yaml:15:13 error IRP_UNKNOWN_REF plan\.approver names the contact "maria-lopz".*\n {2}hint: did you mean `maria-lopez`\?/,
    );
    expect(repo.git(['log', '-1', '--format=%s'])).toBe('break the owner and the approver');
  });
});

describe('irplan release --as-is: a new client, from scaffold to its first release', () => {
  const repo = planRepo();
  const NEW = 'plans/maple-ledger/plan.yaml';

  test('a client not yet committed is refused with a message that names the folder, without a line number', () => {
    expect(irplan(['new', 'maple-ledger', '--name', 'Maple Ledger'], { cwd: repo.dir }).code).toBe(0);
    const r = irplan(['release', 'maple-ledger', '--as-is'], { cwd: repo.dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^error IRP_RELEASE_NEW plans\/maple-ledger is a new client: none of its files is committed yet\n {2}hint: commit it first \(git add plans\/maple-ledger && git commit -m "Add maple-ledger"\), then release/,
    );
    expect(repo.git(['tag', '--list'])).toBe('');
  });

  test('once committed, --as-is releases the version in the file, approved by plan.approver', () => {
    repo.git(['add', 'plans/maple-ledger']);
    repo.commit('Add maple-ledger');
    const before = repo.git(['show', `HEAD:${NEW}`]);
    const version = /^ {2}version: "([\d.]+)"/m.exec(before)?.[1];
    expect(version).toBe('1.0.0');
    const r = irplan(['release', 'maple-ledger', '--as-is', '--date', '2026-11-27'], { cwd: repo.dir });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^released maple-ledger 1\.0\.0, approved by Alex Example, Operations Manager: commit /);
    expect(repo.git(['tag', '--list'])).toBe('maple-ledger@1.0.0');
    const diff = repo.git(['diff', '-U0', 'HEAD~1', 'HEAD']);
    expect(diff).not.toMatch(/^\+ {2}version:/m);
    expect(diff).toContain(
      '+    - { version: "1.0.0", date: 2026-11-27, approver: "Alex Example, Operations Manager" }',
    );
    expect(repo.git(['log', '-1', '--format=%B'])).toBe(
      'maple-ledger: release 1.0.0\n\nApproved-by: Alex Example, Operations Manager',
    );
  });

  test('the same version cannot be released twice; the error points at plan.version', () => {
    const r = irplan(['release', 'maple-ledger', '--as-is'], { cwd: repo.dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^plans\/maple-ledger\/plan\.yaml:13:12 error IRP_RELEASE_TAG_EXISTS version 1\.0\.0 of maple-ledger is already released \(tag maple-ledger@1\.0\.0\)\n {2}hint: release --as-is releases the version in the file once/,
    );
  });

  test('--as-is refuses a version the history already records but no tag holds', () => {
    const r = irplan(['release', 'northwind-logistics', '--as-is'], { cwd: repo.dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^plans\/northwind-logistics\/plan\.yaml:21:7 error IRP_RELEASE_RECORDED plan\.history already records version 2\.1\.0, but it was never tagged\n {2}hint: /,
    );
  });

  test('a bump release still needs a summary; one of the four modes is required', () => {
    expect(irplan(['release', 'maple-ledger', '--patch'], { cwd: repo.dir }).stderr).toMatch(
      /^error IRP_ARGS release needs a summary/,
    );
    expect(irplan(['release', 'maple-ledger', '--patch', '--as-is', '-m', 'x'], { cwd: repo.dir }).stderr).toMatch(
      /^error IRP_ARGS release needs one of --patch, --minor, --major or --as-is/,
    );
  });
});
