import { relative } from 'node:path';
import { importLogs } from '../incident/index.ts';
import { readClients } from '../plan/index.ts';
import { findProject, formatNumber, UserError, UserErrors } from '../shared/index.ts';
import { parse } from './args.ts';
import type { Command } from './command.ts';
import { printFileWarnings } from './findings.ts';
import { err, out } from './output.ts';

export const command: Command = {
  summary: "merge the incident page's exported logs into plans/<slug>/incidents/<id>/log.json",
  help: `Usage: irplan incident import <slug> <file.json...>

Reads the JSON logs the incident page exported (<slug>-incident-<id>-<device>.json, one per phone
or laptop), checks each (its format, that it is this client's, and its hash chain: an entry changed,
removed or moved after it was recorded breaks it), merges the entries of every device in time order
without duplicates, and writes plans/<slug>/incidents/<incident id>/log.json to be reviewed and
committed like any change to the plan. Importing the same files again changes nothing; a later
export of a device adds its new entries.
A refused file is named with the entry that broke, and nothing is written (exit 1). A log recorded
under another plan version is imported with a warning naming both versions.
The next irplan build prints pdf/<slug>-after-action-<incident id>.pdf (never on the site).`,
  async run(args) {
    const { positionals } = parse('incident', args, {});
    const [action, slug, ...files] = positionals;
    if (action !== 'import' || !slug || files.length === 0)
      throw new UserError(
        'IRP_ARGS',
        action === 'import'
          ? 'incident import needs a client and at least one log file'
          : 'incident needs the action import',
        {
          hint: 'irplan incident import northwind-logistics northwind-logistics-incident-20261130-0215-ransomware-3fa9c2d1.json',
        },
      );
    const project = findProject(process.cwd());
    const read = readClients(project.plansDir, [slug]);
    const client = read.clients[0];
    if (!client) throw new UserErrors(read.errors);
    const target = { slug, dir: client.dir, version: client.plan.plan.version };
    const { incidents, warnings } = importLogs(target, files);
    printFileWarnings(warnings, err);
    const n = (x: number) => formatNumber(x, 'en-US');
    for (const i of incidents) {
      const where = relative(process.cwd(), i.file);
      const what = `${n(i.entries)} entries from ${n(i.devices)} device${i.devices === 1 ? '' : 's'}`;
      out(
        i.changed
          ? `imported incident ${i.id} into ${where}: ${what} (${n(i.added)} new)`
          : `${where} already holds these entries (${what}): nothing changed`,
      );
    }
    out(`next: review and commit the log, then npx irplan build ${slug} prints its after-action report`);
    return 0;
  },
};
