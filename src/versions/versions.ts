import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { exportTree } from '../shared/index.ts';
import { git, TOOL_ROOT } from '../shared/index.ts';
import type { Project } from '../shared/index.ts';
import type { Plan } from '../plan/index.ts';
import { restoreVersion, storeVersion, versionCachePath } from './cache.ts';
import { listVersions } from './list.ts';
import { renderVersionsPage } from './page.ts';

const run = promisify(execFile);

export interface VersionsInput {
  project: Project;
  slug: string;
  plan: Plan;
  siteDir: string;
  base: string;
  log: (line: string) => void;
}

/**
 * Adds every released version of the client's site under site/versions/<version>/, each built from
 * its tag's own plans and templates, and a page listing the versions with the dates each was in force.
 */
export async function addVersions(o: VersionsInput): Promise<void> {
  // A version's own build must not build versions again.
  if (process.env.IRPLAN_NO_VERSIONS === '1') return;
  const versions = listVersions(o.project.root, o.slug, o.plan);
  if (versions.length === 0) return;
  for (const v of versions) {
    if (!v.tag) continue;
    const built = await buildVersion(o, v.version, v.tag);
    if (built) v.path = `versions/${v.version}/`;
  }
  mkdirSync(join(o.siteDir, 'versions'), { recursive: true });
  writeFileSync(
    join(o.siteDir, 'versions', 'index.html'),
    renderVersionsPage({ client: o.plan.client.name, current: o.plan.plan.version, versions, base: o.base }),
  );
  writeFileSync(
    join(o.siteDir, 'versions', 'versions.json'),
    `${JSON.stringify({ client: o.plan.client.name, current: o.plan.plan.version, versions }, null, 2)}\n`,
  );
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
  try {
    exportTree(o.project.root, commit, ['plans', 'templates'], tree);
    const out = join(tree, '.out');
    const args = [
      join(TOOL_ROOT, 'bin', 'irplan.mjs'),
      'build',
      o.slug,
      '--no-pdf',
      '--out',
      out,
      '--base',
      `${o.base}versions/${version}/`,
    ];
    await run(process.execPath, args, {
      cwd: tree,
      env: { ...process.env, SOURCE_DATE_EPOCH: time, IRPLAN_NO_VERSIONS: '1' },
      maxBuffer: 16 * 1024 * 1024,
    });
    const site = join(out, o.slug, 'site');
    if (!existsSync(site)) return false;
    storeVersion(site, cached);
    cpSync(site, dest, { recursive: true });
    return true;
  } catch (err) {
    // An old release may not build with today's irplan; the list still shows when it was in force.
    o.log(
      `${o.slug}: version ${version} (${tag}) could not be built: ${String((err as { stderr?: string }).stderr ?? err).split('\n')[0]}`,
    );
    return false;
  } finally {
    rmSync(tree, { recursive: true, force: true });
  }
}
