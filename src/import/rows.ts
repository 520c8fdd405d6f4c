import { UserError } from '../shared/index.ts';
import type { CsvRow, CsvTable } from './csv.ts';
import type { Mapping } from './mapping.ts';
import { phoneColumns } from './mapping.ts';

/** Fields that hold lists (cells split by the mapping's separator) and numbers. */
const LISTS = new Set(['groups', 'roles', 'services', 'data']);
const NUMBERS = new Set(['rto_hours', 'rpo_hours']);

/** One CSV row read as plan fields, and where each field came from. */
export interface RowEntry {
  /** The CSV file as the user named it. */
  file: string;
  row: CsvRow;
  /** The fields of the entry; phones as { number, label }. */
  fields: Record<string, unknown>;
  /** Fields and phone labels the CSV has columns for: an empty cell there means "none". */
  covered: Set<string>;
  /** The 1-based CSV column of a field, or of the phone with a label ("phones:mobile"). */
  colOf: Map<string, number>;
}

/** Reads every row with the mapping; a row that cannot be read is an error at its cell. */
export function readRows(table: CsvTable, mapping: Mapping, errors: UserError[]): RowEntry[] {
  const index = new Map(table.header.map((h, i) => [h, i]));
  const phones = phoneColumns(mapping, table.header);
  const mapped = Object.entries(mapping.columns).filter(([, cols]) => cols.every((c) => index.has(c)));
  if (!mapped.some(([field]) => field === 'name'))
    errors.push(
      new UserError(
        'IRP_IMPORT_COLUMNS',
        `${table.file} has no column for name (${mapping.columns.name?.join(' + ')})`,
        {
          position: { file: table.file, line: 1, col: 1 },
          hint: `the header row is: ${table.header.join(', ')}; pick the preset that fits the export or pass a mapping file with --map`,
        },
      ),
    );
  if (errors.length > 0) return [];
  return table.rows.map((row) => readRow(table.file, row, { mapping, index, phones, mapped }, errors));
}

interface Layout {
  mapping: Mapping;
  index: Map<string, number>;
  phones: Map<number, string>;
  mapped: [string, string[]][];
}

function readRow(file: string, row: CsvRow, layout: Layout, errors: UserError[]): RowEntry {
  const fields: Record<string, unknown> = {};
  const covered = new Set<string>();
  const colOf = new Map<string, number>();
  const fail = (col: number, message: string, hint: string) =>
    errors.push(new UserError('IRP_IMPORT_ROW', message, { position: { file, line: row.line, col }, hint }));
  for (const [field, cols] of layout.mapped) {
    const at = layout.index.get(cols[0] as string) as number;
    covered.add(field);
    colOf.set(field, at + 1);
    const text = cols
      .map((c) => row.cells[layout.index.get(c) as number] ?? '')
      .filter((v) => v !== '')
      .join(' ');
    if (text === '') continue;
    const value = readValue(field, text, layout.mapping);
    if (value === undefined)
      fail(at + 1, `${field} "${text}" is not a number of hours`, 'write a whole number, e.g. 4');
    else fields[field] = value;
  }
  const numbers: { number: string; label: string }[] = [];
  for (const [i, label] of layout.phones) {
    covered.add(`phones:${label}`);
    colOf.set(`phones:${label}`, i + 1);
    const number = row.cells[i] ?? '';
    if (number !== '') numbers.push({ number, label });
  }
  if (numbers.length > 0) fields.phones = numbers;
  if (typeof fields.name !== 'string')
    fail(colOf.get('name') ?? 1, 'the row has no name', 'fill in the name, or delete the row from the export');
  return { file, row, fields, covered, colOf };
}

/** A cell as the plan writes it: enums through the value map, lists split, hours as numbers. */
function readValue(field: string, text: string, mapping: Mapping): unknown {
  const table = mapping.values[field];
  const mapValue = (v: string) => table?.[v.toLowerCase()] ?? v;
  if (LISTS.has(field))
    return text
      .split(mapping.separator)
      .map((v) => v.trim())
      .filter((v) => v !== '')
      .map(mapValue);
  if (NUMBERS.has(field)) return /^\d+(\.\d+)?$/.test(text) ? Number(text) : undefined;
  return mapValue(text);
}
