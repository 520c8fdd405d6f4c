import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Plan } from '../plan/index.ts';
import type { Project } from '../shared/index.ts';
import { exportTree, formatUserError, git, loadMessages, removeOnInterrupt, UserError } from '../shared/index.ts';
import { restoreVersion, storeVersion, versionCachePath } from './cache.ts';
import { listVersions } from './list.ts';
import { renderVersionsPage } from './page.ts';

/** Builds one version's site from an export of its tree into `outDir` (given by the build stage, above this one). */
export type BuildVersionSite = (
  tree: string,
  slug: string,
  outDir: string,
  base: string,
  epochSeconds: number,
) => Promise<void>;

/** What adding a client's versions needs: where its site is, and how to build an old version's site. */
export interface VersionsInput {
  project: Project;
  slug: string;
  plan: Plan;
  /** The client's locale (the model's client.locale), for the dates on the versions page. */
  locale: string;
  siteDir: string;
  base: string;
  /** The site is a draft build (see build/inputs.ts): the versions page says so. */
  draft: boolean;
  log: (line: string) => void;
  build: BuildVersionSite;
}

/**
 * Adds every released version of the client's site under site/versions/<version>/, each built from
 * its tag's own plans and templates, and a page listing the versions with the dates each was in force.
 */
export async function addVersions(o: VersionsInput): Promise<void> {
  const versions = listVersions(o.project.root, o.slug, o.plan);
  if (versions.length === 0) return;
  for (const v of versions) {
    if (!v.tag) continue;
    const built = await buildVersion(o, v.version, v.tag);
    if (built) v.path = `versions/${v.version}/`;
  }
  const dir = join(o.siteDir, 'versions');
  const list = { client: o.plan.client.name, current: o.plan.plan.version, versions };
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'index.html'),
    renderVersionsPage({
      ...list,
      base: o.base,
      locale: o.locale,
      messages: loadMessages(o.project.templatesDir, o.locale),
      draft: o.draft,
    }),
  );
  writeFileSync(join(dir, 'versions.json'), `${JSON.stringify(list, null, 2)}\n`);
}

/** Builds one tag's site in a temporary export of its tree, with the tag's commit time as the date. */
async function buildVersion(o: VersionsInput, version: string, tag: string): Promise<boolean> {
  const commit = git(o.project.root, ['rev-parse', `${tag}^{commit}`]);
  const time = commit ? git(o.project.root, ['log', '-1', '--format=%ct', commit]) : null;
  if (!commit || !time) return false;
  const dest = join(o.siteDir, 'versions', version);
  const cached = versionCachePath(o.slug, version, commit, o.base);
  if (restoreVersion(cached, dest)) return true;
  const tree = mkdtempSync(join(tmpdir(), 'irplan-version-'));
  const forget = removeOnInterrupt([tree]);
  try {
    exportTree(o.project.root, commit, ['plans', 'templates'], tree);
    const out = join(tree, '.out');
    await o.build(tree, o.slug, out, `${o.base}versions/${version}/`, Number(time));
    const site = join(out, o.slug, 'site');
    if (!existsSync(site)) return false;
    storeVersion(site, cached);
    cpSync(site, dest, { recursive: true });
    return true;
  } catch (err) {
    // An old release may not build with today's irplan; the list still shows when it was in force.
    const why = err instanceof UserError ? formatUserError(err, tree) : String(err);
    o.log(`${o.slug}: version ${version} (${tag}) could not be built: ${why.split('\n')[0]}`);
    return false;
  } finally {
    rmSync(tree, { recursive: true, force: true });
    forget();
  }
}
