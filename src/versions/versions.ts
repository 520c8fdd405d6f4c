import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { exportTree } from '../shared/gitread.ts';
import { git, TOOL_ROOT } from '../shared/project.ts';
import type { Project } from '../shared/project.ts';
import type { Plan } from '../plan/types.ts';
import { restoreVersion, storeVersion, versionCachePath } from './cache.ts';
import { renderVersionsPage } from './page.ts';

const run = promisify(execFile);

/** A version of a client's plan and the dates it was in force. */
export interface PlanVersion {
  version: string;
  /** The release tag, null for versions recorded in plan.history before they were tagged. */
  tag: string | null;
  /** In force from this date (the release date)... */
  from: string;
  /** ...until the day before this one; null while it is the newest. */
  until: string | null;
  /** Where its site is, relative to the site's root; null when it was not built. */
  path: string | null;
}

/**
 * The versions of a client's plan, oldest first: every release in plan.history and every
 * <slug>@<version> tag. The date is the release date in the history, else the tag's commit date.
 */
export function listVersions(root: string, slug: string, plan: Plan): PlanVersion[] {
  const dates = new Map((plan.plan.history ?? []).map((h) => [h.version, h.date]));
  const tags = new Map(
    (git(root, ['tag', '--list', `${slug}@*`]) ?? '')
      .split('\n')
      .filter((t) => /^[^@]+@\d+\.\d+\.\d+$/.test(t))
      .map((t) => [t.slice(slug.length + 1), t]),
  );
  const versions = [...new Set([...dates.keys(), ...tags.keys()])].map((version) => {
    const tag = tags.get(version) ?? null;
    const from = dates.get(version) ?? (tag ? git(root, ['log', '-1', '--format=%cs', `${tag}^{commit}`]) : null) ?? '';
    return { version, tag, from, until: null as string | null, path: null as string | null };
  });
  versions.sort((a, b) => a.from.localeCompare(b.from) || compareSemver(a.version, b.version));
  versions.forEach((v, i) => {
    v.until = versions[i + 1]?.from ?? null;
  });
  return versions;
}

function compareSemver(a: string, b: string): number {
  const pa = a.split('.').map(Number),
    pb = b.split('.').map(Number);
  return (pa[0] ?? 0) - (pb[0] ?? 0) || (pa[1] ?? 0) - (pb[1] ?? 0) || (pa[2] ?? 0) - (pb[2] ?? 0);
}

/**
 * True when the client has adopted releases (it has a <slug>@ tag) but HEAD is not its released
 * version: plan.version was never tagged, or its files changed in commits after the tag.
 * Uncommitted changes are isDirty's business; together they decide DRAFT.
 */
export function isUnreleased(root: string, slug: string, version: string, paths: string[]): boolean {
  const tags = (git(root, ['tag', '--list', `${slug}@*`]) ?? '').split('\n').filter(Boolean);
  if (tags.length === 0) return false;
  const tag = `${slug}@${version}`;
  if (!tags.includes(tag)) return true;
  // Templates installed with irplan live outside the repository; git cannot (and need not) diff them.
  const inside = paths.filter((p) => !p.startsWith('..'));
  const changed = git(root, ['diff', '--name-only', `${tag}^{commit}`, 'HEAD', '--', ...inside]);
  return changed !== null && changed !== '';
}

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
