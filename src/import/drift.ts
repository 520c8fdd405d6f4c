import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Node as YamlNode } from 'yaml';
import type { FileWarning } from '../plan/index.ts';
import { toE164 } from '../shared/index.ts';
import type { Position } from '../shared/index.ts';
import { readExport, validClient } from './import.ts';
import type { Kind } from './mapping.ts';
import { idFromName } from './ids.ts';
import { findMatch } from './match.ts';
import type { RowEntry } from './rows.ts';

/** The fields whose difference is reported, besides phones. */
const COMPARED: Record<Kind, string[]> = {
  contacts: ['title', 'email'],
  assets: ['criticality', 'kind', 'os'],
};

const HINT = 'update the plan or the export, or import it with irplan import';

/** What `irplan check --against` reads. */
interface DriftRequest {
  plansDir: string;
  templatesDir: string;
  slug: string;
  kind: Kind;
  csv: string;
  shown: string;
  map: string | undefined;
}

interface Entry {
  id: string;
  name?: string;
  email?: string;
  phones?: { number: string; label?: string }[];
  [field: string]: unknown;
}

/**
 * Where a client's plan.yaml and an export disagree: entries in one and not the other, and
 * compared fields or phones that differ. Each warning points into plan.yaml.
 */
export function driftReport(req: DriftRequest): FileWarning[] {
  const client = validClient(req.plansDir, req.slug);
  const rows = readExport(req.csv, req.shown, req.kind, req.map, req.templatesDir);
  const planFile = join(client.dir, 'plan.yaml');
  const text = readFileSync(planFile, 'utf8');
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, version: '1.2' });
  const seq = doc.get(req.kind, true);
  const nodes = isSeq(seq) ? (seq.items as YamlNode[]) : [];
  const own = ((doc.toJS() as Record<string, unknown> | null)?.[req.kind] ?? []) as Entry[];
  const at = (offset: number | undefined): Position => {
    const p = lines.linePos(offset ?? 0);
    return { file: planFile, line: p.line, col: p.col };
  };
  const section = at((seq as YamlNode | undefined)?.range?.[0]);
  const country = client.plan.client.country ?? null;
  const out: FileWarning[] = [];
  const warn = (position: Position, message: string) =>
    out.push({ position, code: 'IRP_DRIFT', message: `${client.plan.client.name}: ${message}`, hint: HINT });
  const used = new Set<Entry>();
  for (const row of rows) {
    const f = row.fields as { id?: string; name: string; email?: string };
    const hit = findMatch({ ...f, madeId: idFromName(f.name, '') }, own, used);
    const where = `${req.shown}:${row.row.line}`;
    if (!hit) {
      warn(section, `${f.name} is in the export (${where}) but not in the plan`);
      continue;
    }
    used.add(hit);
    const node = nodes[own.indexOf(hit)];
    const place = (key: string) =>
      at(isMap(node) ? (node.get(key, true) as YamlNode | undefined)?.range?.[0] : node?.range?.[0]);
    for (const field of COMPARED[req.kind]) {
      if (!row.covered.has(field) || same(hit[field], row.fields[field])) continue;
      warn(
        place(field),
        `${hit.name}: ${field} is "${text0(hit[field])}" in the plan, "${text0(row.fields[field])}" in the export (${where})`,
      );
    }
    for (const d of phoneDiffs(hit, row, country)) warn(place('phones'), `${hit.name}: ${d} (${where})`);
  }
  for (const [i, e] of own.entries())
    if (!used.has(e))
      warn(at(nodes[i]?.range?.[0]), `${e.name ?? e.id} is in the plan but not in the export ${req.shown}`);
  return out;
}

/** Phones with a label the export has a column for, compared as dialled (E.164, read in the client's country). */
function phoneDiffs(entry: Entry, row: RowEntry, country: string | null): string[] {
  const dial = (n: string | undefined) => (n === undefined ? undefined : (toE164(n, country) ?? n));
  const incoming = (row.fields.phones as { number: string; label: string }[] | undefined) ?? [];
  const out: string[] = [];
  for (const key of row.covered) {
    if (!key.startsWith('phones:')) continue;
    const label = key.slice('phones:'.length);
    const mine = entry.phones?.find((p) => p.label === label)?.number;
    const theirs = incoming.find((p) => p.label === label)?.number;
    if (dial(mine) !== dial(theirs))
      out.push(`${label} phone is ${mine ?? '(none)'} in the plan, ${theirs ?? '(none)'} in the export`);
  }
  return out;
}

function same(a: unknown, b: unknown): boolean {
  return text0(a).toLowerCase() === text0(b).toLowerCase();
}

function text0(v: unknown): string {
  return v === undefined ? '(none)' : Array.isArray(v) ? v.join('; ') : String(v);
}
