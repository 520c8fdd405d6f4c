// The contract between irplan's build and its Astro project: the build writes these shapes as JSON
// into the batch's content folder (IRPLAN_CONTENT), the pages read them. Both sides import them
// from here, so a field added on one side is known to the other.
import type { IncidentMeta } from './incident-meta.ts';

/** A rendered document as the site's collections read it (the site's or the print audience's). */
export interface SiteDoc {
  id: string;
  title: string;
  /** Position in the binder and the site's navigation. */
  order: number;
  kind: 'section' | 'playbook' | 'checklist' | 'card';
  /** Included in the binder. */
  binder: boolean;
  /** When set, this document is also printed alone as the checklist of that id. */
  checklist: string | null;
  /** When set, a card document (wallet-card, call-tree) printed alone, not a site page. */
  card: string | null;
  body: string;
}

/** Build-time facts about one client that every page needs: <content>/<slug>/meta.json. */
export interface SiteMeta {
  slug: string;
  client: string;
  version: string;
  classification: string;
  tlpRule: string;
  effective: string | null;
  paper: 'letter' | 'a4';
  draft: boolean;
  builtOn: string | null;
  msp: { name: string | null; color: string; logo: string | null };
  publishSite: boolean;
  downloads: { label: string; href: string }[];
  /** The MSP logo as a data: URI (src/plan/logo.ts), for the cover. */
  logo: string | null;
  nav: { id: string; title: string }[];
  /** One vCard per contact with a published phone (src/site/vcard.ts); hrefs relative to the site root. */
  vcards: { id: string; name: string; href: string }[];
  /** The build adds a versions page at versions/ (src/versions/). */
  versions: boolean;
  /** The client's locale (BCP 47), for lang attributes. */
  locale: string;
  /** The words the pages write (the pdf. and site. keys of the client's message catalogue), {name} unfilled. */
  messages: Record<string, string>;
  /** What the incident page counts and offers (incident-meta.ts). */
  incident: IncidentMeta;
}

/** What one Astro run covers: <content>/batch.json, the clients and the shared --base. */
export interface SiteBatch {
  base: string;
  clients: string[];
}

/** The files of one client in the batch's content folder. */
export const SITE_FILES = {
  meta: 'meta.json',
  site: 'site.json',
  print: 'print.json',
  /** The after-action reports of the client's imported incidents (IncidentReport[]), for print only. */
  incidents: 'incidents.json',
} as const;
