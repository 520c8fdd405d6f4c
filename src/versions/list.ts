import type { Plan } from '../plan/index.ts';
import { git } from '../shared/index.ts';

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
