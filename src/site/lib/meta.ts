// Build-time facts about the client that every page needs (written by irplan's build stage).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SiteMeta {
  slug: string;
  client: string;
  version: string;
  classification: string;
  tlpRule: string;
  effective: string | null;
  paper: 'letter' | 'a4';
  draft: boolean;
  builtOn: string;
  msp: { name: string | null; color: string; logo: string | null };
  /** The MSP logo as a data: URI (src/core/logo.ts), for the cover. */
  logo: string | null;
  publishSite: boolean;
  downloads: { label: string; href: string }[];
  nav: { id: string; title: string }[];
  /** One vCard per contact with a published phone (src/core/vcard.ts); hrefs relative to the site root. */
  vcards?: { id: string; name: string; href: string }[];
  /** The --base the site is built for; import.meta.env.BASE_URL can be overridden by a BASE_URL in the environment. */
  base?: string;
  /** The build adds a versions page at versions/ (src/core/versions.ts). */
  versions?: boolean;
}

let cached: SiteMeta | undefined;

/** Reads meta.json once per build. */
export function siteMeta(): SiteMeta {
  if (cached && cached.slug === process.env.IRPLAN_SLUG) return cached;
  const dir = process.env.IRPLAN_CONTENT;
  if (!dir) throw new Error('IRPLAN_CONTENT is not set: run the site through `irplan build`');
  cached = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as SiteMeta;
  return cached;
}

/** A path under the configured base, with the trailing slash Astro is set to use. */
export function href(path: string): string {
  const base = (siteMeta().base ?? import.meta.env.BASE_URL).replace(/\/?$/, '/');
  return `${base}${path.replace(/^\//, '')}`;
}
