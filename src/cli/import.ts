import { relative, resolve } from 'node:path';
import { diffPlans } from '../diff/index.ts';
import { importCsv } from '../import/index.ts';
import type { Kind, RowOutcome } from '../import/index.ts';
import { planLocale } from '../model/index.ts';
import { readJurisdictions } from '../plan/index.ts';
import { findProject, localToday, parseIsoDate, UserError, writeFileAtomic } from '../shared/index.ts';
import { parse } from './args.ts';
import type { Command } from './command.ts';
import { out } from './output.ts';

const KINDS: Kind[] = ['contacts', 'assets'];

export const command: Command = {
  summary: "import contacts or assets from a CSV export into a client's plan.yaml",
  help: `Usage: irplan import contacts|assets <slug> <file.csv> [--map <preset|mapping.yaml>] [--dry-run] [--today YYYY-MM-DD]

Reads a CSV export (a header row, then one row per contact or asset) and adds or updates the
client's entries in plans/<slug>/plan.yaml. Comments and layout of the rest of the file are kept.
Each row is matched to an entry by id, then e-mail, then name:
  - no match: a new entry, its id made from the name (Jane Doe -> jane-doe), marked
    source: { file, date } so later imports update it;
  - an imported entry (with source:): updated from the row when anything differs; a column with
    an empty cell removes that field, a field without a column is left alone;
  - an entry written by hand (no source:): left exactly as it is, and listed.
The edited plan is validated like irplan validate before anything is written; a bad row is
reported as <file.csv>:<line>:<column> and nothing is written. Phones without + are read in the
client's country (client.country). Importing the same file again changes nothing.
Options:
  --map <preset|file>  column mapping: a preset of templates/data/import/ (default: irplan, the
                       plan's own field names; phones as phone_<label>; lists separated by ;)
                       or a mapping file of the same shape
  --dry-run            print the changes in meaning (as irplan diff words them); write nothing
  --today <date>       the date recorded in source: (default: today)`,
  async run(args) {
    const { values, positionals } = parse('import', args, {
      map: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      today: { type: 'string' },
    });
    const [kind, slug, csv, ...rest] = positionals;
    if (!KINDS.includes(kind as Kind) || !slug || !csv || rest.length > 0)
      throw new UserError('IRP_ARGS', 'import needs contacts or assets, one client and one CSV file', {
        hint: 'irplan import contacts northwind-logistics contacts.csv',
      });
    const project = findProject(process.cwd());
    const result = importCsv({
      plansDir: project.plansDir,
      templatesDir: project.templatesDir,
      slug,
      kind: kind as Kind,
      csv: resolve(csv),
      shown: csv,
      map: values.map,
      date: today(values.today),
    });
    const locale = planLocale(result.after, readJurisdictions(project.templatesDir));
    const changes = diffPlans(result.before, result.after, locale);
    for (const line of outcomeLines(result.outcomes)) out(line);
    const file = relative(process.cwd(), result.planFile);
    if (result.text === null || changes.length === 0) {
      out(`${file}: no changes`);
      return 0;
    }
    for (const c of changes) out(`  - ${c.text}`);
    if (values['dry-run']) {
      out(`${file}: ${changes.length} change${changes.length === 1 ? '' : 's'} (dry run: nothing written)`);
      return 0;
    }
    writeFileAtomic(result.planFile, result.text);
    out(`${file}: ${changes.length} change${changes.length === 1 ? '' : 's'} written; review them with irplan diff`);
    return 0;
  },
};

/** Rows that matched an entry written by hand: listed, since the import leaves them alone. */
function outcomeLines(outcomes: RowOutcome[]): string[] {
  return outcomes
    .filter((o) => o.action === 'hand-written')
    .map(
      (o) =>
        `${o.row.file}:${o.row.row.line}: ${o.name} is written by hand in the plan (no source:); left as it is. Edit it by hand, or delete it to let the import add it.`,
    );
}

/** The date recorded in source:; --today makes it reproducible. */
function today(value: string | undefined): string {
  if (value === undefined) return localToday();
  if (parseIsoDate(value) === null)
    throw new UserError('IRP_ARGS', `import: --today "${value}" is not a date`, { hint: 'e.g. --today 2026-11-30' });
  return value;
}
