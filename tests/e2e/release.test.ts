import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { editRelease } from '../../src/release/planedit.ts';
import { bumpVersion } from '../../src/release/release.ts';
import { irplan } from '../helpers/cli.ts';
import { NEW_ASSET, planRepo } from '../helpers/repo.ts';

const PLAN = 'plans/northwind-logistics/plan.yaml';
const RELEASE = { version: '1.1.0', date: '2026-11-27', summary: 'New NAS', approver: 'Ann Lee' };

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

  test('versions bump by part', () => {
    expect(['patch', 'minor', 'major'].map((b) => bumpVersion('2.1.3', b as 'patch'))).toEqual([
      '2.1.4',
      '2.2.0',
      '3.0.0',
    ]);
  });
});

describe('irplan release, then diff, in a git repository', () => {
  const repo = planRepo();

  test('release bumps the version, records history, commits only plan.yaml and tags it', () => {
    writeFileSync(join(repo.dir, 'notes.txt'), 'staged, not part of the release\n');
    repo.git(['add', 'notes.txt']);
    const r = irplan(
      [
        'release',
        'northwind-logistics',
        '--minor',
        '-m',
        'Added NAS02 and new numbers',
        '--approver',
        'Maria Lopez',
        '--date',
        '2026-11-27',
      ],
      { cwd: repo.dir },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^released northwind-logistics 2\.2\.0: commit [0-9a-f]{7} \(plans\/northwind-logistics\/plan\.yaml\), tag northwind-logistics@2\.2\.0\n/,
    );
    expect(repo.git(['show', '--name-only', '--format=%s', 'HEAD'])).toBe(
      'northwind-logistics: release 2.2.0\n\nplans/northwind-logistics/plan.yaml',
    );
    expect(repo.git(['rev-parse', 'northwind-logistics@2.2.0^{commit}'])).toBe(repo.git(['rev-parse', 'HEAD']));
    expect(repo.git(['diff', '--numstat', 'HEAD~1', 'HEAD'])).toBe('3\t2\tplans/northwind-logistics/plan.yaml');
    const diff = repo.git(['diff', '-U0', 'HEAD~1', 'HEAD']);
    expect(diff).toContain('+  version: "2.2.0"');
    expect(diff).toContain(
      '+    - { version: "2.2.0", date: 2026-11-27, summary: "Added NAS02 and new numbers", approver: "Maria Lopez" }',
    );
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

  test('refuses a client folder with uncommitted changes, and leaves no tag', () => {
    repo.edit(PLAN, (t) => `${t}# a note\n`);
    const r = irplan(['release', 'northwind-logistics', '--patch', '-m', 'x'], { cwd: repo.dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^plans\/northwind-logistics:1:1 error IRP_RELEASE_DIRTY plans\/northwind-logistics has uncommitted changes: plans\/northwind-logistics\/plan\.yaml\n {2}hint: /,
    );
    expect(repo.git(['tag', '--list'])).toBe('northwind-logistics@2.2.0');
    repo.git(['checkout', '-q', '--', PLAN]);
  });

  test('refuses an invalid plan with its errors', () => {
    repo.edit(PLAN, (t) => t.replace('owner: maria-lopez\n  classification', 'owner: nobody\n  classification'));
    repo.commit('break the owner');
    const r = irplan(['release', 'northwind-logistics', '--patch', '-m', 'x'], { cwd: repo.dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /plans\/northwind-logistics\/plan\.yaml:\d+:\d+ error IRP_UNKNOWN_REF plan\.owner names the contact "nobody"/,
    );
    expect(repo.git(['log', '-1', '--format=%s'])).toBe('break the owner');
  });
});
