import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { UserError } from '../shared/index.ts';

/** One data row of a CSV file, with the line it ends on (the header is line 1). */
export interface CsvRow {
  line: number;
  cells: string[];
}

/** A CSV file's header and rows. */
export interface CsvTable {
  file: string;
  header: string[];
  rows: CsvRow[];
}

/** Reads a CSV export (UTF-8, with or without BOM); a malformed file is an error at its line. */
export function readCsv(file: string, shown: string): CsvTable {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(readFileSync(file, 'utf8'), {
      bom: true,
      info: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as typeof records;
  } catch (cause) {
    const line = (cause as { lines?: number }).lines ?? 1;
    throw new UserError('IRP_IMPORT_CSV', `${shown} is not a CSV file irplan can read: ${(cause as Error).message}`, {
      position: { file: shown, line, col: 1 },
      hint: 'save it as CSV (comma-separated, UTF-8) with one header row',
      cause,
    });
  }
  const [head, ...rest] = records;
  if (!head)
    throw new UserError('IRP_IMPORT_CSV', `${shown} is empty`, {
      position: { file: shown, line: 1, col: 1 },
      hint: 'export it again with a header row',
    });
  // info.lines is the line a record ends on: its own line, unless a quoted cell spans several.
  const rows = rest.map((r) => ({ line: r.info.lines, cells: r.record }));
  return { file: shown, header: head.record, rows };
}
