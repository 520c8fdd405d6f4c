import { planWarnings } from '../check/index.ts';
import { projectWarnings, readClients } from '../plan/index.ts';
import { findProject } from '../shared/index.ts';
import { parse } from './args.ts';
import type { Command } from './command.ts';
import { printFileWarnings, printFindings } from './findings.ts';
import { err, out, printErrors } from './output.ts';

export const command: Command = {
  summary: 'check plans: every problem of every file, with file:line:col and a hint',
  help: `Usage: irplan validate [slug...]

Checks the named clients' plans (all clients when none are named) against the plan format and
their cross-references, both in one run. Prints each problem as
  <file>:<line>:<col> error <CODE> <message>
    hint: <how to fix it>
and, for each valid plan, what it leaves to chance (no deputy incident commander, a role that
needs a person held by a desk or team, counsel with no out-of-hours number, a first number that
is toll-free or abroad, no time zone or one written as an alias such as EST or US/Eastern) as
  <file>:<line>:<col> warning <CODE> <client>: <message>
    hint: <how to fix it>
Before those: each TODO marker left in plans/defaults.yaml and the named plans (IRP_TODO), and
an MSP layer that is still irplan's example MSP (IRP_EXAMPLE_MSP).
Exit 0 when every plan is valid (warnings or not), 1 when any has a problem.`,
  async run(args) {
    const { positionals } = parse('validate', args, {});
    const project = findProject(process.cwd());
    const result = readClients(project.plansDir, positionals);
    // What the repository still has to fill in (TODO markers, the example MSP) comes first.
    const left = projectWarnings(project.plansDir, positionals);
    printFileWarnings(left);
    let warnings = left.length;
    for (const client of result.clients) {
      const found = planWarnings(client.slug, client.plan);
      printFindings(project, client, found);
      warnings += found.length;
    }
    if (result.errors.length > 0) {
      printErrors(result.errors);
      err(
        `${result.errors.length} problem${result.errors.length === 1 ? '' : 's'} in ${result.failed.length} client${result.failed.length === 1 ? '' : 's'}; ${result.clients.length} valid`,
      );
      return 1;
    }
    const note = warnings > 0 ? ` (${warnings} warning${warnings === 1 ? '' : 's'})` : '';
    out(
      `${result.clients.length} plan${result.clients.length === 1 ? '' : 's'} valid: ${result.clients.map((c) => c.slug).join(', ')}${note}`,
    );
    return 0;
  },
};
