import { mkdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { checkPlan, DEFAULT_CHECK } from '../check/index.ts';
import type { CheckOptions } from '../check/index.ts';
import { formatDate, formatNumber, localToday, parseIsoDate, UserError, writeFileAtomic } from '../shared/index.ts';
import { dueDates, formatCalendar } from '../check/index.ts';
import { planLocale } from '../model/index.ts';
import { readClients, readJurisdictions } from '../plan/index.ts';
import type { ValidClient } from '../plan/index.ts';
import { clientEpoch, findProject, sourceStamp } from '../shared/index.ts';
import { parse } from './args.ts';
import type { Command } from './command.ts';
import { DRIFT_HELP, runDrift } from './drift.ts';
import { printFindings } from './findings.ts';
import { out, printErrors } from './output.ts';

export const command: Command = {
  summary: 'maintenance: review overdue, stale contacts, policy expiry, exercises; writes a due-date calendar',
  help: `Usage: irplan check [slug...] [--strict] [--today YYYY-MM-DD] [--stale-days N] [--ics dir]

Checks the named clients (all when none are named) for what needs attention:
  plan review overdue; contacts not verified for more than --stale-days (default 180) days;
  insurance policy expired or ending within 30 days; no tabletop exercise in 12 months;
  incident commander without an out-of-band number; critical assets without owner or RTO;
  and the warnings of irplan validate (deputy, roles held by a desk, counsel out of hours,
  first numbers that are toll-free or abroad).
Each finding is one line "<file>:<line>:<col> warning <CODE> <client>: <what>" and a hint.
Also writes a calendar of each client's due dates (RFC 5545) to <dir>/<slug>-due.ics
(default: dist/<slug>/<slug>-due.ics), to import or subscribe to.
Options:
  --today <date>    the date to check against (default: today)
  --stale-days <n>  days after which a contact's verification is stale (default 180)
  --ics <dir>       where to write the calendars
  --strict          exit 1 when anything is found (for CI)
Exit 0 (or 1 with --strict when there are findings, or when a plan is invalid).${DRIFT_HELP}`,
  async run(args, env) {
    const { values, positionals } = parse('check', args, {
      strict: { type: 'boolean', default: false },
      today: { type: 'string' },
      'stale-days': { type: 'string' },
      ics: { type: 'string' },
      against: { type: 'string' },
      map: { type: 'string' },
      kind: { type: 'string' },
    });
    if (values.against !== undefined) return runDrift(positionals, { ...values, against: values.against });
    const opts: CheckOptions = {
      ...DEFAULT_CHECK,
      today: parseToday(values.today),
      staleDays: parseDays(values['stale-days']),
    };
    const project = findProject(process.cwd());
    const read = readClients(project.plansDir, positionals);
    // Each client's findings write their dates for its locale, as its binder does.
    const jurisdictions = readJurisdictions(project.templatesDir);
    const stamp = sourceStamp(project.root, env.sourceDateEpoch);
    let count = 0;
    for (const client of read.clients) {
      const locale = planLocale(client.plan, jurisdictions);
      const findings = checkPlan(client.slug, client.plan, { ...opts, locale });
      printFindings(project, client, findings);
      const ics = writeCalendar(
        client,
        values.ics ? resolve(values.ics) : join(project.root, 'dist', client.slug),
        { ...opts, locale },
        clientEpoch(stamp, client.plan.plan.effective),
      );
      const n = findings.length;
      out(
        `${client.slug}: ${formatNumber(n, locale)} finding${n === 1 ? '' : 's'} on ${formatDate(opts.today, locale)}; due dates in ${relative(process.cwd(), ics) || ics}`,
      );
      count += findings.length;
    }
    if (read.errors.length > 0) {
      printErrors(read.errors);
      return 1;
    }
    return values.strict && count > 0 ? 1 : 0;
  },
};

/** Only `check` looks at the real date; --today makes it reproducible. */
function parseToday(value: string | undefined): string {
  if (value === undefined) {
    return localToday();
  }
  if (parseIsoDate(value) === null) {
    throw new UserError('IRP_ARGS', `check: --today "${value}" is not a date`, {
      hint: 'write it as YYYY-MM-DD, e.g. --today 2026-11-27',
    });
  }
  return value;
}

function parseDays(value: string | undefined): number {
  if (value === undefined) return DEFAULT_CHECK.staleDays;
  if (!/^\d{1,5}$/.test(value))
    throw new UserError('IRP_ARGS', `check: --stale-days "${value}" is not a number of days`, {
      hint: 'e.g. --stale-days 90',
    });
  return Number(value);
}

/** Writes the calendar atomically: a reader never sees half a file. */
function writeCalendar(client: ValidClient, dir: string, opts: CheckOptions, epochSeconds: number | null): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${client.slug}-due.ics`);
  writeFileAtomic(
    file,
    formatCalendar(
      `${client.plan.client.name}: incident response plan due dates`,
      dueDates(client.slug, client.plan, opts),
      epochSeconds ?? 0,
    ),
  );
  return file;
}
