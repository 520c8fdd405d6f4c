import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkPlan, DEFAULT_CHECK } from '../check/index.ts';
import type { CoverageSummary } from '../check/index.ts';
import type { Plan } from '../plan/index.ts';
import { escapeHtml as esc, writeFileAtomic } from '../shared/index.ts';

/** The consultant's overview, beside the clients' folders and never inside a client's site. */
const PORTFOLIO_DIR = '_portfolio';

/** The file beside manifest.json that holds the client's maintenance findings for the portfolio. */
const CHECK_FILE = 'check.json';

/** What the build knows for the portfolio besides the plan: its date, locale and CSF 2.0 coverage. */
interface SummaryFacts {
  asOf: string;
  locale: string;
  coverage: CoverageSummary;
}

/**
 * Writes dist/<slug>/check.json: `irplan check`'s findings as of the build's own date (never the
 * wall clock, so the build stays reproducible), dates written for the client's locale, and the
 * counts of `irplan coverage`. It sits outside site/ and is never published.
 */
export function writeCheckSummary(final: string, slug: string, plan: Plan, facts: SummaryFacts): void {
  const { asOf, locale, coverage } = facts;
  const findings = checkPlan(slug, plan, { ...DEFAULT_CHECK, today: asOf, locale }).map((f) => f.message);
  writeFileSync(join(final, CHECK_FILE), `${JSON.stringify({ asOf, findings, coverage }, null, 2)}\n`);
}

/** check.json as written; a client built before coverage was counted has none. */
function readSummary(dir: string): { findings?: string[]; coverage?: CoverageSummary } {
  const file = join(dir, CHECK_FILE);
  if (!existsSync(file)) return {};
  return JSON.parse(readFileSync(file, 'utf8')) as { findings?: string[]; coverage?: CoverageSummary };
}

/** What the portfolio reads from each dist/<slug>/manifest.json. */
interface ManifestSummary {
  client: string;
  slug: string;
  version: string;
  classification: string;
  draft: boolean;
  commit: string | null;
  outputs: { site: string | null; binder: string | null; checklists: string[]; offline?: string | null };
  review?: { last: string | null; due: string | null };
}

/** One row of the overview, with what a consultant should look at. */
export interface PortfolioRow extends ManifestSummary {
  warnings: string[];
  coverage: CoverageSummary | null;
}

/** Reads every built client's manifest; folders that are not client outputs are skipped. */
export function readPortfolio(outDir: string): PortfolioRow[] {
  if (!existsSync(outDir)) return [];
  return readdirSync(outDir, { withFileTypes: true })
    .filter(
      (d) =>
        d.isDirectory() && /^[a-z0-9][a-z0-9-]*$/.test(d.name) && existsSync(join(outDir, d.name, 'manifest.json')),
    )
    .map((d) => ({
      m: JSON.parse(readFileSync(join(outDir, d.name, 'manifest.json'), 'utf8')) as ManifestSummary,
      dir: join(outDir, d.name),
    }))
    .map(({ m, dir }) => ({ m, summary: readSummary(dir) }))
    .map(({ m, summary }) => ({
      ...m,
      warnings: [...warningsFor(m), ...(summary.findings ?? [])],
      coverage: summary.coverage ?? null,
    }))
    .sort((a, b) => a.client.localeCompare(b.client));
}

/** Warnings about the build itself; the plan's own findings come from check.json. */
function warningsFor(m: ManifestSummary): string[] {
  const w: string[] = [];
  if (m.draft) w.push('built from uncommitted changes (draft)');
  if (!m.outputs.site) w.push(`${m.classification}: PDFs only, no site`);
  if (!m.outputs.binder) w.push('no PDFs in the last build');
  return w;
}

function row(r: PortfolioRow): string {
  // A folder is linked as its index.html: opened from the file system, a folder shows a listing.
  const link = (path: string | null | undefined, label: string) =>
    path ? `<a href="../${esc(r.slug)}/${esc(path.replace(/\/$/, '/index.html'))}">${label}</a>` : '';
  const outputs = [
    link(r.outputs.site, 'site'),
    link(r.outputs.binder, 'binder'),
    link(r.outputs.offline, 'offline copy'),
  ]
    .filter(Boolean)
    .join(' · ');
  const warnings = r.warnings.length ? `<ul>${r.warnings.map((w) => `<li>${esc(w)}</li>`).join('')}</ul>` : 'none';
  return `<tr><th scope="row">${esc(r.client)}<br><small>${esc(r.slug)}</small></th><td>${esc(r.version)}</td><td>${esc(r.classification)}</td><td>${esc(r.review?.last ?? 'not recorded')}</td><td>${esc(r.review?.due ?? '')}</td><td>${warnings}</td><td>${coverageCell(r.coverage)}</td><td>${outputs}</td></tr>`;
}

/** The CSF 2.0 Respond and Recover counts; what is not fully covered is what `irplan coverage <slug>` details. */
function coverageCell(c: CoverageSummary | null): string {
  if (!c) return 'not counted: build again';
  const rest = [c.generic ? `${c.generic} generic` : '', c.missing ? `${c.missing} missing` : ''].filter(Boolean);
  return `${c.covered} of ${c.total} covered${rest.length ? `<br><small>${rest.join(', ')}</small>` : ''}`;
}

/** The overview as one HTML page with its style inline; it links into the clients' folders. */
export function renderPortfolio(rows: PortfolioRow[], today: string): string {
  const style =
    'body{font:16px/1.5 system-ui,sans-serif;margin:1.5rem;color:#1b1b1b}table{border-collapse:collapse;width:100%}th,td{border:1px solid #c8c8c8;padding:.4rem .6rem;text-align:left;vertical-align:top}thead th{background:#f1f4f8}td ul{margin:0;padding-left:1.1rem}a{color:#1f4e79}';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex, nofollow"><title>Plan portfolio</title><style>${style}</style></head>
<body><main><h1>Plan portfolio</h1><p>${rows.length} client${rows.length === 1 ? '' : 's'}, as of ${esc(today)}. For the consultant only: never publish this page.</p>
<table><thead><tr><th scope="col">Client</th><th scope="col">Version</th><th scope="col">Classification</th><th scope="col">Last review</th><th scope="col">Review due</th><th scope="col">Warnings</th><th scope="col">CSF 2.0 Respond/Recover</th><th scope="col">Outputs</th></tr></thead>
<tbody>${rows.map(row).join('\n')}</tbody></table></main></body></html>
`;
}

/** Writes <out>/_portfolio/index.html from every client built so far, replacing it in one rename. */
export function writePortfolio(outDir: string, today: string): void {
  const dir = join(outDir, PORTFOLIO_DIR);
  mkdirSync(dir, { recursive: true });
  writeFileAtomic(join(dir, 'index.html'), renderPortfolio(readPortfolio(outDir), today));
}
