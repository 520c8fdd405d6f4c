import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { versionCachePath } from '../../src/versions/cache.ts';
import { isUnreleased, listVersions } from '../../src/versions/list.ts';
import { readClients } from '../../src/plan/read.ts';
import { irplan, tempDir } from '../helpers/cli.ts';
import { planRepo } from '../helpers/repo.ts';

// Two releases of the smaller example, then one site build: the first release must be there,
// built from its own tag, under a path that contains its version.
describe('the versioned site', () => {
  const repo = planRepo();
  const slug = 'cedar-dental';
  const release = (bump: string, message: string, date: string) => {
    const r = irplan(['release', slug, bump, '-m', message, '--approver', 'grace-kim', '--date', date], {
      cwd: repo.dir,
    });
    if (r.code !== 0) throw new Error(r.stderr);
  };

  test('after a second release the site holds the first released version under its own path', () => {
    release('--minor', 'First release with irplan', '2026-11-27');
    repo.edit(`plans/${slug}/plan.yaml`, (t) =>
      t.replace('Practice software support desk', 'Practice software help desk'),
    );
    repo.commit('rename the support desk');
    release('--patch', 'Help desk renamed', '2026-12-15');
    const out = tempDir();
    // With --base the URLs stay rooted, as a server publishes them (without, they are relative: file-site.test.ts).
    const r = irplan(['build', slug, '--no-pdf', '--out', out, '--base', '/'], { cwd: repo.dir });
    expect(r.stderr).not.toMatch(/could not be built|internal error/);
    expect(r.code).toBe(0);
    const site = join(out, slug, 'site');
    const first = readFileSync(join(site, 'versions', '1.4.0', 'index.html'), 'utf8');
    expect(first).toContain('1.4.0');
    expect(first).toContain('href="/versions/1.4.0/');
    expect(existsSync(join(site, 'versions', '1.4.1', 'index.html'))).toBe(true);
    const all = (dir: string) => readFileSync(join(site, 'versions', dir, 'contacts', 'index.html'), 'utf8');
    expect(all('1.4.0')).toContain('Practice software support desk');
    expect(all('1.4.1')).toContain('Practice software help desk');
    const page = readFileSync(join(site, 'versions', 'index.html'), 'utf8');
    expect(page).toContain('<tr data-version="1.4.0" data-from="2026-11-27" data-until="2026-12-15">');
    expect(page).toContain('<a href="1.4.0/">view 1.4.0</a>');
    const json = JSON.parse(readFileSync(join(site, 'versions', 'versions.json'), 'utf8')) as {
      versions: { version: string; path: string | null }[];
    };
    expect(json.versions.filter((v) => v.path).map((v) => v.version)).toEqual(['1.4.0', '1.4.1']);
  }, 600_000);

  test('lists versions oldest first with the dates each was in force', () => {
    const plan = readClients(join(repo.dir, 'plans'), [slug]).clients[0]?.plan;
    if (!plan) throw new Error('the plan did not load');
    const versions = listVersions(repo.dir, slug, plan).map((v) => [v.version, v.from, v.until, v.tag]);
    expect(versions.slice(-2)).toEqual([
      ['1.4.0', '2026-11-27', '2026-12-15', 'cedar-dental@1.4.0'],
      ['1.4.1', '2026-12-15', null, 'cedar-dental@1.4.1'],
    ]);
  });
});

describe('isUnreleased', () => {
  test('a commit after the release makes the build a draft again; a client without releases never is', () => {
    const repo = planRepo();
    const slug = 'cedar-dental';
    const paths = [`plans/${slug}`, 'templates'];
    expect(isUnreleased(repo.dir, slug, '1.3.0', paths)).toBe(false);
    const r = irplan(['release', slug, '--patch', '-m', 'Checked', '--date', '2026-11-27'], { cwd: repo.dir });
    expect(r.code).toBe(0);
    expect(isUnreleased(repo.dir, slug, '1.3.1', paths)).toBe(false);
    expect(isUnreleased(repo.dir, 'northwind-logistics', '2.1.0', ['plans/northwind-logistics'])).toBe(false);
    repo.edit(`plans/${slug}/plan.yaml`, (t) =>
      t.replace('Practice software support desk', 'Practice software service desk'),
    );
    repo.commit('unreleased rename');
    expect(isUnreleased(repo.dir, slug, '1.3.1', paths)).toBe(true);
    expect(isUnreleased(repo.dir, slug, '1.9.9', paths)).toBe(true);
  });
});

describe('versionCachePath', () => {
  test('one place per slug, version, commit and base path', () => {
    const a = versionCachePath('acme', '1.0.0', 'c1', '/');
    expect(versionCachePath('acme', '1.0.0', 'c1', '/')).toBe(a);
    expect(a).toMatch(/acme@1\.0\.0-[0-9a-f]{16}$/);
    const others = [
      versionCachePath('acme', '1.0.0', 'c2', '/'),
      versionCachePath('acme', '1.0.0', 'c1', '/ir/'),
      versionCachePath('acme', '1.0.1', 'c1', '/'),
    ];
    expect(new Set([a, ...others]).size).toBe(4);
  });
});
