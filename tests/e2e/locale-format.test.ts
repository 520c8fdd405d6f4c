import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { parseDocument } from 'yaml';
import { irplan, tempDir } from '../helpers/cli.ts';
import { visibleText } from '../helpers/html.ts';
import { planRepo } from '../helpers/repo.ts';
import type { PlanRepo } from '../helpers/repo.ts';

// Dates, times and numbers in the client's locale everywhere a person reads them: a client that
// takes de-DE gets German dates, weekdays and digit grouping on its site, a search index in German,
// and `irplan check` and `irplan diff` write its dates and counts the same way; JSON keeps the YAML's.
const slug = 'northwind-logistics';
const file = `plans/${slug}/plan.yaml`;
const LOCALE = 'de-DE';
/** What the test expects, from Intl itself rather than from irplan's code. */
const german = (iso: string) =>
  new Intl.DateTimeFormat(LOCALE, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));

let repo: PlanRepo;
let out = '';
let build: ReturnType<typeof irplan>;
let verified = '';

beforeAll(() => {
  repo = planRepo();
  repo.edit(file, (text) => {
    const doc = parseDocument(text);
    doc.setIn(['client', 'locale'], LOCALE);
    return doc.toString();
  });
  repo.commit('Northwind reads German dates');
  verified = /verified: (\d{4}-\d{2}-\d{2})/.exec(readFileSync(join(repo.dir, file), 'utf8'))?.[1] ?? '';
  out = join(repo.dir, 'dist');
  build = irplan(['build', slug, '--no-pdf', '--out', out], { cwd: repo.dir });
});

const page = (rel: string) => readFileSync(join(out, slug, 'site', rel, 'index.html'), 'utf8');

describe('a client in de-DE', () => {
  test('builds', () => {
    expect(build.stderr).not.toMatch(/internal error/);
    expect(build.code, build.stderr).toBe(0);
  });

  test('its site pages carry its language, and its search index is German, not forced English', () => {
    expect(page('.')).toContain(`<html lang="${LOCALE}"`);
    const entry = JSON.parse(readFileSync(join(out, slug, 'site', 'pagefind', 'pagefind-entry.json'), 'utf8')) as {
      languages: Record<string, unknown>;
    };
    expect(Object.keys(entry.languages)).toEqual(['de']);
  });

  test('dates, weekdays and times read as a German reader writes them', () => {
    const insurance = visibleText(page('insurance'));
    expect(insurance).toMatch(/Montag 09:00, due Mittwoch 09:00/);
    expect(insurance).not.toMatch(/Monday|Wednesday/);
    expect(visibleText(page('contacts'))).toContain(german(verified));
  });

  test('irplan check writes dates and day counts for the locale', () => {
    const r = irplan(['check', slug, '--today', '2030-01-01', '--ics', tempDir()], { cwd: repo.dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`last verified on ${german(verified)}`);
    // More than a thousand days: German groups the digits with a dot.
    expect(r.stdout).toMatch(/, 1\.\d{3} days ago \(more than 180\)/);
    expect(r.stdout).toContain(`findings on ${german('2030-01-01')}`);
    expect(r.stdout).not.toContain(`on ${verified}`);
  });

  test('irplan diff writes dates for the locale in its sentences and keeps the YAML values in JSON', () => {
    repo.edit(file, (text) => text.replace(`verified: ${verified}`, 'verified: 2026-12-01'));
    const text = irplan(['diff', 'HEAD', '--format', 'md'], { cwd: repo.dir });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`verified on ${german(verified)} → ${german('2026-12-01')}`);
    const json = irplan(['diff', 'HEAD', '--format', 'json'], { cwd: repo.dir });
    const report = JSON.parse(json.stdout) as { clients: { changes: { before: string; after: string }[] }[] };
    expect(report.clients[0]?.changes.map((c) => [c.before, c.after])).toContainEqual([verified, '2026-12-01']);
  });
});
