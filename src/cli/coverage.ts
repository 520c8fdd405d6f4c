import { join } from 'node:path';
import { planCoverage, summarizeCoverage } from '../check/index.ts';
import type { CoverageRow, CoverageSummary } from '../check/index.ts';
import { buildModel, loadTables, planLocale } from '../model/index.ts';
import type { Tables } from '../model/index.ts';
import { readClients } from '../plan/index.ts';
import type { ValidClient } from '../plan/index.ts';
import { collectTemplates, renderDocuments } from '../render/index.ts';
import { findProject, loadMessages } from '../shared/index.ts';
import type { Project } from '../shared/index.ts';
import { parse } from './args.ts';
import type { Command } from './command.ts';
import { out, printErrors } from './output.ts';

/** One client's report, as --json writes it. */
interface ClientCoverage {
  slug: string;
  client: string;
  summary: CoverageSummary;
  subcategories: CoverageRow[];
}

export const command: Command = {
  summary: 'NIST CSF 2.0 Respond and Recover coverage of each plan, and the fields that would complete it',
  help: `Usage: irplan coverage [slug...] [--json]

Renders each named client's plan (all clients when none are named) and maps its sections and
playbook steps to the NIST CSF 2.0 Respond and Recover subcategories (RS.MA-01 to 05, RS.AN-03,
06, 07, 08, RS.CO-02 and 03, RS.MI-01 and 02, RC.RP-01 to 06, RC.CO-03 and 04), on which NIST
SP 800-61r3 organises its incident response recommendations. Each subcategory is
  covered    the plan does it and names the person or asset who does it;
  generic    the plan does it, but names nobody: the field to fill is given;
  missing    the plan lacks the data for it: the field to fill is given.
The mapping and its sources are in templates/data/coverage.yaml.
Options:
  --json   one JSON document: per client, its counts and every subcategory with its text,
           the recommendation, where the plan does it, who is named and what to fill
Exit 0, or 1 when a plan is invalid.`,
  async run(args) {
    const { values, positionals } = parse('coverage', args, { json: { type: 'boolean', default: false } });
    const project = findProject(process.cwd());
    const read = readClients(project.plansDir, positionals);
    const tables = loadTables(project.templatesDir);
    const reports = read.clients.map((client) => clientCoverage(project, tables, client));
    if (values.json) out(JSON.stringify({ clients: reports }, null, 2));
    else for (const r of reports) out(formatReport(r));
    if (read.errors.length > 0) {
      printErrors(read.errors);
      return 1;
    }
    return 0;
  },
};

/** Renders the client's print documents, as its binder gets them, and maps them. */
function clientCoverage(project: Project, tables: Tables, client: ValidClient): ClientCoverage {
  const locale = planLocale(client.plan, tables.jurisdictions);
  const messages = loadMessages(project.templatesDir, locale);
  // No date is printed here; the plan's own date keeps the model free of the wall clock.
  const buildDate = client.plan.plan.effective ?? '1970-01-01';
  const opts = { slug: client.slug, audience: 'print' as const, buildDate, draft: false, messages };
  const model = buildModel(client.plan, tables, opts);
  const templates = collectTemplates(project.templatesDir, join(client.dir, 'templates'), locale);
  const rows = planCoverage(model, renderDocuments(model, templates, messages), tables.coverage);
  return { slug: client.slug, client: model.client.name, summary: summarizeCoverage(rows), subcategories: rows };
}

/** The text table: a head line with the counts, then one line per subcategory. */
function formatReport(r: ClientCoverage): string {
  const s = r.summary;
  const head = `${r.client} (${r.slug}): ${s.covered} of ${s.total} covered, ${s.generic} only generically, ${s.missing} missing`;
  const cells = r.subcategories.map((row) => [row.id, row.status, detail(row), places(row.where)]);
  const widths = [0, 1, 2].map((i) => Math.max(...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: string[]) =>
    c
      .map((cell, i) => (i < 3 ? cell.padEnd(widths[i] ?? 0) : cell))
      .join('  ')
      .trimEnd();
  return [
    head,
    line(['ID', 'Status', 'Named, or the field to fill', 'Where in the plan']),
    ...cells.map(line),
    '',
  ].join('\n');
}

/** Who is named (at most a few), or what to fill. */
function detail(row: CoverageRow): string {
  if (row.fill !== null) return `fill: ${row.fill}`;
  const shown = row.named.slice(0, 2).join(', ');
  return row.named.length > 2 ? `${shown} (+${row.named.length - 2})` : shown;
}

function places(where: string[]): string {
  if (where.length === 0) return 'nowhere';
  return where.length > 1 ? `${where[0]} (+${where.length - 1})` : (where[0] ?? '');
}
