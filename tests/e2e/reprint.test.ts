import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { irplan, tempDir } from '../helpers/cli.ts';
import { crossReferences } from '../helpers/xrefs.ts';
import { planRepo } from '../helpers/repo.ts';

// Document-level reuse (issue 25): after an edit, an incremental build keeps the PDFs whose print
// input did not change, and its whole output is byte for byte what a --force build gives. The plan
// repository is real git, so each PDF's date comes from the commits to its own inputs.
const repo = planRepo({ templates: true });
const slug = 'cedar-dental';
const incremental = tempDir('irplan-reprint-inc-');
const forced = tempDir('irplan-reprint-force-');

let env: NodeJS.ProcessEnv = {};
const build = (out: string, ...extra: string[]) => {
  const r = irplan(['build', slug, '--out', out, ...extra], { cwd: repo.dir, env });
  expect(r.stderr).not.toMatch(/internal error/);
  expect(r.code, r.stderr).toBe(0);
  return r;
};

/**
 * The incremental build, then a --force build of `forced` to compare it with. One after the other:
 * side by side (they take turns at Astro, src/site/turn.ts) this file took 376 s against 320-360 s
 * on 2 cores, as both builds print two pages at a time.
 */
function buildBoth(...extra: string[]) {
  const r = build(incremental, ...extra);
  build(forced, '--force', ...extra.filter((a) => a === '--no-docx'));
  return r;
}

/** Every file below a client's output folder, by its path there. */
function files(out: string): string[] {
  const dir = join(out, slug);
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => statSync(join(dir, f)).isFile())
    .sort();
}

const mtimes = (out: string) => new Map(files(out).map((f) => [f, statSync(join(out, slug, f)).mtimeMs]));

/** A PDF's CreationDate, as irplan writes it (D:YYYYMMDDHHmmSS). */
const pdfDate = (file: string) => /\/CreationDate \(D:(\d{14})/.exec(readFileSync(file, 'latin1'))?.[1];

/** Commits the working tree with its own date, so the PDFs it changes are dated by it. */
function commitAt(message: string, iso: string): void {
  // The committer date is the one irplan reads.
  const env = { ...process.env, GIT_AUTHOR_DATE: iso, GIT_COMMITTER_DATE: iso };
  execFileSync('git', ['commit', '-q', '-a', '-m', message], { cwd: repo.dir, env });
}

/** Builds both ways and compares every file of the two outputs. */
function expectSameAsForce(...extra: string[]): void {
  buildBoth(...extra);
  expectSameFiles();
}

/** The incremental output and the --force one hold the same files, byte for byte. */
function expectSameFiles(): void {
  const names = files(incremental);
  expect(names).toEqual(files(forced));
  const differ = names.filter(
    (f) => !readFileSync(join(incremental, slug, f)).equals(readFileSync(join(forced, slug, f))),
  );
  expect(differ).toEqual([]);
}

describe('a template edit reprints only what changed', () => {
  beforeAll(() => {
    // A private number, so the site's PDFs are printed apart from the binder's (site-pdf/).
    repo.edit(`plans/${slug}/plan.yaml`, (t) =>
      t.replace(
        '{ number: "+1 217 555 0100", label: front desk }',
        '{ number: "+1 217 555 0100", label: front desk, private: true }',
      ),
    );
    commitAt('a private number', '2026-11-21T10:00:00Z');
    build(incremental);
  });

  test('editing the phishing playbook rewrites only the binders and the phishing PDFs', () => {
    const before = mtimes(incremental);
    const wallet = join(incremental, slug, 'pdf', `${slug}-wallet-card.pdf`);
    expect(pdfDate(wallet)).toBe('20261121100000');
    repo.edit('templates/playbooks/phishing.md.hbs', (t) =>
      t.replace('Do not reply or click.', 'Do not reply, click or pass it on.'),
    );
    commitAt('phishing: do not pass it on', '2026-11-25T09:30:00Z');
    const r = buildBoth();
    expect(r.stdout + r.stderr).toMatch(/\d+ PDFs unchanged and kept/);
    const after = mtimes(incremental);
    const pdfs = [...after.keys()].filter((f) => /^(pdf|site\/pdf)\//.test(f) && f.endsWith('.pdf'));
    const rewritten = pdfs.filter((f) => after.get(f) !== before.get(f)).sort();
    expect(rewritten).toEqual([
      `pdf/${slug}-binder.pdf`,
      `pdf/${slug}-playbook-phishing.pdf`,
      `site/pdf/${slug}-binder.pdf`,
      `site/pdf/${slug}-playbook-phishing.pdf`,
    ]);
    expect(pdfs.length).toBeGreaterThan(10);
    // The phishing PDF is dated by the edit; the wallet card by the older commit to its inputs.
    expect(pdfDate(join(incremental, slug, 'pdf', `${slug}-playbook-phishing.pdf`))).toBe('20261125093000');
    expect(pdfDate(wallet)).toBe('20261121100000');
    // The playbook's site page changed; a page the edit does not reach kept its file.
    expect(after.get('site/playbook-phishing/index.html')).not.toBe(before.get('site/playbook-phishing/index.html'));
    expect(after.get('site/contacts/index.html')).toBe(before.get('site/contacts/index.html'));
    expectSameFiles();
  });

  test('an edit that moves every later page: the binder numbered before its print from the last build is printed again, and equals a --force build', () => {
    repo.edit(
      'templates/sections/20-first-15-minutes.md.hbs',
      (t) => `${t}\n\n${'A paragraph that takes room on the page, and keeps taking it. '.repeat(60)}\n`,
    );
    commitAt('first 15 minutes: a long note', '2026-11-25T12:00:00Z');
    const r = buildBoth('--json');
    const done = r.stdout
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l))
      .find((e) => e.event === 'done');
    // The print binder's numbers from the last build no longer hold: a second print. The site's
    // binder takes the print binder's new numbers and is printed once.
    expect(done).toMatchObject({ numberingPrints: 1 });
    const binder = join(incremental, slug, 'pdf', `${slug}-binder.pdf`);
    const refs = crossReferences(binder);
    expect(refs.length).toBeGreaterThan(3);
    for (const x of refs) expect(x.outline, `page ${x.page}: see ${x.title}, p. ${x.says}`).toContain(x.says);
    expectSameFiles();
  });

  test('after a defaults field edit the output equals a --force build', () => {
    repo.edit('plans/defaults.yaml', (t) => t.replace('name: Bluefin Managed IT', 'name: Bluefin Managed IT LLC'));
    commitAt('MSP name', '2026-11-26T09:00:00Z');
    // The Word binder's reuse is compared after the template edits; CI time is short.
    expectSameAsForce('--no-docx');
  });

  test('after a client field edit the output equals a --force build', () => {
    repo.edit(`plans/${slug}/plan.yaml`, (t) => t.replace('title: Office Manager', 'title: Practice Manager'));
    commitAt('new title', '2026-11-27T09:00:00Z');
    // The Word binder's reuse is compared after the template edits; CI time is short.
    expectSameAsForce('--no-docx');
  });

  test('after a shared asset edit (the logo) the output equals a --force build', () => {
    repo.edit('plans/branding/bluefin-logo.svg', (t) => t.replace('</svg>', '<!-- darker --></svg>'));
    commitAt('logo', '2026-11-28T09:00:00Z');
    // The Word binder's reuse is compared after the template edits; CI time is short.
    expectSameAsForce('--no-docx');
  });

  test('with SOURCE_DATE_EPOCH, a commit to a template the client does not get keeps every PDF and the Word binder', () => {
    env = { SOURCE_DATE_EPOCH: '1764000000' };
    build(incremental);
    const before = mtimes(incremental);
    repo.edit('templates/checklists/forensics-macos.md.hbs', (t) => `${t}\n{{!-- reviewed --}}\n`);
    commitAt('macOS sheet reviewed', '2026-11-29T09:00:00Z');
    const r = buildBoth();
    expect(r.stdout).toMatch(/built 1, unchanged 0/);
    const after = mtimes(incremental);
    const kept = [...after.keys()].filter((f) => /^(pdf\/|site\/pdf\/|docx\/)/.test(f));
    expect(kept.length).toBeGreaterThan(20);
    expect(kept.filter((f) => after.get(f) !== before.get(f))).toEqual([]);
    expectSameFiles();
    env = {};
  });

  test('uncommitted edits too: the draft output equals a --force build', () => {
    repo.edit('templates/playbooks/phishing.md.hbs', (t) => t.replace('pass it on.', 'pass it on to anyone.'));
    expectSameAsForce();
  });
});
