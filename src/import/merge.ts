import { same } from '../shared/index.ts';
import { idFromName, uniqueId } from './ids.ts';
import type { Kind } from './mapping.ts';
import { findMatch } from './match.ts';
import type { RowEntry } from './rows.ts';

/** Where an imported entry came from; a later import of the same export updates it. */
interface Source {
  file: string;
  date: string;
}

type Entry = Record<string, unknown> & { id: string; name?: string; email?: string; source?: Source };

/** The order of an imported entry's fields, as the examples write them. */
const ORDER: Record<Kind, string[]> = {
  contacts: ['id', 'name', 'title', 'organization', 'groups', 'roles', 'phones', 'email'],
  assets: ['id', 'name', 'kind', 'os', 'product', 'services', 'criticality', 'data', 'owner', 'location'],
};

/** What one row did to the plan. */
export interface RowOutcome {
  row: RowEntry;
  action: 'added' | 'updated' | 'unchanged' | 'hand-written';
  /** The entry's index in the section after the import. */
  index: number;
  name: string;
}

/**
 * The section after importing `rows`: imported entries (with `source:`) are updated, new ones are
 * added at the end, and an entry written by hand is never changed, only reported. `taken` holds every
 * id in use (the MSP's contacts too).
 */
export function mergeRows(
  kind: Kind,
  entries: Entry[],
  rows: RowEntry[],
  source: Source,
  taken: Set<string>,
): { entries: Entry[]; outcomes: RowOutcome[] } {
  const out = [...entries];
  const used = new Set<Entry>();
  const outcomes: RowOutcome[] = [];
  for (const row of rows) {
    const f = row.fields as Partial<Entry> & { name: string };
    const madeId = idFromName(f.name, kind === 'contacts' ? 'contact' : 'asset');
    const hit = findMatch({ id: f.id, madeId, email: f.email, name: f.name }, out, used);
    if (hit) {
      used.add(hit);
      const index = out.indexOf(hit);
      const name = hit.name ?? hit.id;
      if (!hit.source) {
        outcomes.push({ row, action: 'hand-written', index, name });
        continue;
      }
      const next = applyRow(hit, row);
      if (same(next, hit)) {
        outcomes.push({ row, action: 'unchanged', index, name });
        continue;
      }
      out[index] = { ...next, source } as Entry;
      used.add(out[index] as Entry);
      outcomes.push({ row, action: 'updated', index, name });
      continue;
    }
    const id = f.id && !taken.has(f.id) ? f.id : uniqueId(madeId, taken);
    taken.add(id);
    const entry = ordered(kind, { ...row.fields, id, source });
    out.push(entry);
    used.add(entry);
    outcomes.push({ row, action: 'added', index: out.length - 1, name: f.name });
  }
  return { entries: out, outcomes };
}

/** An imported entry with a row's values: a covered field with an empty cell is removed. */
function applyRow(entry: Entry, row: RowEntry): Entry {
  const next: Record<string, unknown> = { ...entry };
  for (const field of row.covered) {
    if (field.startsWith('phones:') || field === 'id') continue;
    if (row.fields[field] === undefined) delete next[field];
    else next[field] = row.fields[field];
  }
  const phones = applyPhones((entry.phones as Phone[] | undefined) ?? [], row);
  if (phones.length > 0 || entry.phones !== undefined) next.phones = phones;
  return next as Entry;
}

interface Phone {
  number: string;
  label?: string;
  [flag: string]: unknown;
}

/** Phones with a label the CSV has a column for take its number (keeping flags such as out_of_band). */
function applyPhones(phones: Phone[], row: RowEntry): Phone[] {
  const incoming = (row.fields.phones as Phone[] | undefined) ?? [];
  const out: Phone[] = [];
  for (const p of phones) {
    if (!p.label || !row.covered.has(`phones:${p.label}`)) out.push(p);
    else {
      const n = incoming.find((x) => x.label === p.label);
      if (n) out.push({ ...p, number: n.number });
    }
  }
  for (const n of incoming) if (!phones.some((p) => p.label === n.label)) out.push(n);
  return out;
}

/** A new entry's fields in the examples' order; fields the order does not name follow, source last. */
function ordered(kind: Kind, fields: Record<string, unknown>): Entry {
  const keys = [...ORDER[kind], ...Object.keys(fields).filter((k) => !ORDER[kind].includes(k) && k !== 'source')];
  const out: Record<string, unknown> = {};
  for (const k of [...keys, 'source']) if (fields[k] !== undefined) out[k] = fields[k];
  return out as Entry;
}
