import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { flatOutline, readOutline } from '../../src/pdf/outline.ts';
import { irplan, tempDir, tool } from '../helpers/cli.ts';
import { copyExamples, copyFixtureClient } from '../helpers/examples.ts';
import { crossReferences } from '../helpers/xrefs.ts';

// The six playbooks chosen by a client's data (issue 22), built and printed for a client whose data
// calls for all of them (tests/fixtures/clients/all-playbooks). Which clients get which playbook is
// pinned without a build in tests/unit/model/incidents.test.ts and tests/unit/render/playbooks.test.ts.
const slug = 'all-playbooks';
let out = '';
let result: ReturnType<typeof irplan>;

beforeAll(() => {
  const root = tempDir('irplan-playbooks-');
  copyExamples(root);
  copyFixtureClient(root, slug);
  out = join(root, 'dist');
  result = irplan(['build', slug, '--no-docx', '--out', out], { cwd: root });
});

const NEW = {
  'business-email-compromise': 'Playbook: business e-mail compromise and payment fraud',
  'vendor-breach': 'Playbook: breach at a vendor or business associate',
  'cloud-tenant-compromise': 'Playbook: cloud tenant compromise',
  'lost-or-stolen-device': 'Playbook: lost or stolen device',
  'insider-misuse': 'Playbook: insider misuse',
  'denial-of-service': 'Playbook: denial of service',
};
const manifest = () => JSON.parse(readFileSync(join(out, slug, 'manifest.json'), 'utf8'));
const file = (id: string) => `pdf/${slug}-playbook-${id}.pdf`;
/** Reading order, whitespace collapsed, typographic apostrophes made plain. */
const text = (rel: string) =>
  tool('pdftotext', [join(out, slug, rel), '-'])
    .replace(/\s+/g, ' ')
    .replace(/\u2019/g, "'");
const pages = (rel: string) => Number(/Pages:\s+(\d+)/.exec(tool('pdfinfo', [join(out, slug, rel)]))?.[1]);

test('builds', () => {
  expect(result.stderr).not.toMatch(/internal error/);
  expect(result.code, result.stderr).toBe(0);
});

describe('each new playbook', () => {
  test.each(Object.entries(NEW))(
    '%s: its own checklist PDF of at most three pages, titled as the binder',
    (id, title) => {
      expect(manifest().outputs.checklists).toContain(file(id));
      expect(existsSync(join(out, slug, file(id)))).toBe(true);
      expect(pages(file(id))).toBeLessThanOrEqual(3);
      const t = text(file(id));
      expect(t).toContain(title);
      expect(t).toContain('1. Identify');
      expect(t).toContain('6. After action');
      expect(t).toContain('Harborline Mutual within 3 days (72 hours) of discovery');
    },
  );

  test('is in the binder outline, after the six every client gets, and a page of the site', () => {
    const titles = flatOutline(readOutline(readFileSync(join(out, slug, manifest().outputs.binder)))).map(
      (e) => e.title,
    );
    const at = (t: string) => titles.indexOf(t);
    for (const title of Object.values(NEW))
      expect(at(title), title).toBeGreaterThan(at('Playbook: remote access breach'));
    for (const id of Object.keys(NEW))
      expect(existsSync(join(out, slug, 'site', `playbook-${id}`, 'index.html')), id).toBe(true);
  });
});

describe('read as printed', () => {
  test("payment fraud starts with the plan's bank and names the mailbox commands of Microsoft 365", () => {
    const t = text(file('business-email-compromise'));
    expect(t).toMatch(
      /call the bank's fraud line now, before anything else: Treasury fraud desk \(Front Range Bank\): \+1 303 555 0150/,
    );
    expect(t).toContain('Get-InboxRule -Mailbox <user>');
    expect(t).toMatch(/Internet Crime Complaint Center \(IC3\)/);
    expect(t).toMatch(/Report the fraud to law enforcement.*?STOP: get Harborline Mutual's consent first\./);
  });

  test('the triage matrix has a column for each type the client gets, denial of service on the public portal only', () => {
    const binder = text(manifest().outputs.binder);
    for (const label of [
      'Business e-mail compromise',
      'Breach at a vendor',
      'Cloud tenant compromise',
      'Lost or stolen device',
      'Insider misuse',
      'Denial of service',
    ])
      expect(binder).toContain(label);
    expect(text(file('denial-of-service'))).toContain('(Quote portal WEB1)');
  });
});

test("the binder's cross-references, the new playbooks' among them, give the page the outline gives", () => {
  const refs = crossReferences(join(out, slug, manifest().outputs.binder));
  expect(refs.map((r) => r.title)).toEqual(
    expect.arrayContaining(['Playbook: account compromise', 'Data flows', 'Chain of custody']),
  );
  for (const r of refs) expect(r.outline, `page ${r.page}: see ${r.title}, p. ${r.says}`).toContain(r.says);
});
