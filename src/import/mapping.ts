import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { UserError } from '../shared/index.ts';

/** What is imported: the plan's contacts or its assets. */
export type Kind = 'contacts' | 'assets';

/** How one kind's CSV columns become plan fields (templates/data/import/irplan.yaml documents the shape). */
export interface Mapping {
  separator: string;
  /** Plan field -> CSV columns (several are joined with a space). */
  columns: Record<string, string[]>;
  /** CSV column -> phone label. */
  phones: Record<string, string>;
  /** Columns named <prefix><label> are phones with that label. */
  phonePrefix: string | undefined;
  /** Plan field -> lower-cased CSV value -> plan value. */
  values: Record<string, Record<string, string>>;
}

interface MappingFile {
  separator?: string;
  unavailable?: string;
  contacts?: KindSection;
  assets?: KindSection;
}

interface KindSection {
  columns?: Record<string, string | string[]>;
  phones?: Record<string, string>;
  phone_prefix?: string;
  values?: Record<string, Record<string, string>>;
}

/** The presets shipped in templates/data/import/ (the name without .yaml), or a mapping file's path. */
export function loadMapping(kind: Kind, map: string | undefined, templatesDir: string): Mapping {
  const preset = join(templatesDir, 'data', 'import', `${map ?? 'irplan'}.yaml`);
  const file = map !== undefined && !/^[a-z0-9-]+$/.test(map) ? map : preset;
  if (!existsSync(file))
    throw new UserError('IRP_IMPORT_MAP', `there is no import preset or mapping file "${map}"`, {
      hint: 'use a preset (irplan) or the path of a mapping file shaped like templates/data/import/irplan.yaml',
    });
  const data = (parse(readFileSync(file, 'utf8')) ?? {}) as MappingFile;
  const at = { file, line: 1, col: 1 };
  if (data.unavailable)
    throw new UserError('IRP_IMPORT_MAP', `the preset "${map}" is not available: ${data.unavailable}`, {
      position: at,
      hint: 'write a mapping file with your export’s column names (shaped like templates/data/import/irplan.yaml) and pass it with --map',
    });
  const section = data[kind];
  if (!section?.columns)
    throw new UserError('IRP_IMPORT_MAP', `the mapping has no ${kind}: columns`, {
      position: at,
      hint: `add a ${kind}: section with columns: { name: <column>, ... }`,
    });
  const values: Record<string, Record<string, string>> = {};
  for (const [field, table] of Object.entries(section.values ?? {}))
    values[field] = Object.fromEntries(Object.entries(table).map(([k, v]) => [k.toLowerCase(), String(v)]));
  return {
    separator: data.separator ?? ';',
    columns: Object.fromEntries(
      Object.entries(section.columns).map(([field, cols]) => [field, Array.isArray(cols) ? cols : [cols]]),
    ),
    phones: section.phones ?? {},
    phonePrefix: section.phone_prefix,
    values,
  };
}

/** The phone label each header column carries, by column index. */
export function phoneColumns(mapping: Mapping, header: string[]): Map<number, string> {
  const out = new Map<number, string>();
  header.forEach((col, i) => {
    const label =
      mapping.phones[col] ??
      (mapping.phonePrefix && col.startsWith(mapping.phonePrefix) ? col.slice(mapping.phonePrefix.length) : undefined);
    if (label) out.set(i, label);
  });
  return out;
}
