import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'yaml';
import { readClients } from '../plan/index.ts';
import type { Plan, ValidClient } from '../plan/index.ts';
import { UserError, UserErrors } from '../shared/index.ts';
import { readCsv } from './csv.ts';
import { editSection } from './edit.ts';
import type { Kind } from './mapping.ts';
import { loadMapping } from './mapping.ts';
import { mergeRows } from './merge.ts';
import type { RowOutcome } from './merge.ts';
import { readRows } from './rows.ts';
import type { RowEntry } from './rows.ts';
import { validateEdited } from './validate.ts';

/** What an import reads: which client, which export, and the date recorded in `source:`. */
interface ImportRequest {
  plansDir: string;
  templatesDir: string;
  slug: string;
  kind: Kind;
  /** The CSV file's path, and the name errors and `source:` call it by. */
  csv: string;
  shown: string;
  map: string | undefined;
  date: string;
}

/** The plan before and after, the new text of plan.yaml (null when nothing changes) and each row's outcome. */
interface ImportResult {
  planFile: string;
  text: string | null;
  before: Plan;
  after: Plan;
  outcomes: RowOutcome[];
}

/** Imports a CSV export into a client's plan.yaml in memory; throws every error, having written nothing. */
export function importCsv(req: ImportRequest): ImportResult {
  const client = validClient(req.plansDir, req.slug);
  const rows = readExport(req.csv, req.shown, req.kind, req.map, req.templatesDir);
  const planFile = join(client.dir, 'plan.yaml');
  const text = readFileSync(planFile, 'utf8');
  const own = ((parse(text, { version: '1.2' }) as Record<string, unknown> | null)?.[req.kind] ?? []) as never[];
  const taken = new Set((client.plan[req.kind] ?? []).map((e) => e.id));
  const source = { file: basename(req.shown), date: req.date };
  const { entries, outcomes } = mergeRows(req.kind, own, rows, source, taken);
  const changed = new Set(outcomes.filter((o) => o.action === 'updated').map((o) => o.index));
  const added = outcomes.some((o) => o.action === 'added');
  if (changed.size === 0 && !added) return { planFile, text: null, before: client.plan, after: client.plan, outcomes };
  const edited = editSection(planFile, text, req.kind, entries, changed);
  const checked = validateEdited(req.plansDir, req.slug, edited, req.kind, outcomes);
  if (checked.errors.length > 0 || !checked.client) throw new UserErrors(checked.errors);
  return { planFile, text: edited, before: client.plan, after: checked.client.plan, outcomes };
}

/** The export's rows read with the mapping; every unreadable row is reported at once. */
export function readExport(csv: string, shown: string, kind: Kind, map: string | undefined, templatesDir: string) {
  const table = readCsv(csv, shown);
  const errors: UserError[] = [];
  const rows: RowEntry[] = readRows(table, loadMapping(kind, map, templatesDir), errors);
  if (errors.length > 0) throw new UserErrors(errors);
  return rows;
}

/** The client's plan, which must be valid before anything is imported into it. */
export function validClient(plansDir: string, slug: string): ValidClient {
  const read = readClients(plansDir, [slug]);
  const client = read.clients[0];
  if (!client) {
    if (read.errors.length > 0) throw new UserErrors(read.errors);
    throw new UserError('IRP_IMPORT_PLAN', `the plan of ${slug} is not valid`, { hint: `run irplan validate ${slug}` });
  }
  return client;
}
