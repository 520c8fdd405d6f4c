import { relative } from 'node:path';
import { localToday, parseIsoDate, UserError } from '../shared/index.ts';
import { findProject } from '../shared/index.ts';
import { releaseClient } from '../release/index.ts';
import type { Bump } from '../release/index.ts';
import { parse } from './args.ts';
import type { Command } from './command.ts';
import { out } from './output.ts';

const BUMPS = ['patch', 'minor', 'major', 'as-is'] as const;

export const command: Command = {
  summary: "release a client's plan: set plan.version, record it in plan.history, commit and tag",
  help: `Usage: irplan release <slug> --patch|--minor|--major -m "summary" [--approver <contact-id>] [--date YYYY-MM-DD]
       irplan release <slug> --as-is [-m "summary"] [--approver <contact-id>] [--date YYYY-MM-DD]

Raises plan.version in the client's plan.yaml (--as-is releases the version already in the file),
sets plan.effective to the release date when the plan has one, adds { version, date, summary,
approver } at the top of plan.history (shown in the binder's document control), commits only
that file and tags the commit <slug>@<version>. Comments and layout are kept.
The approver is a contact of the client: plan.approver (a contact id), recorded by name and title.
Refuses when the plan is invalid, names no approver, is not committed yet, has uncommitted
changes, or the version is already released.
Options:
  --patch, --minor, --major  which part of the version to raise
  --as-is                    release plan.version as it is (a first release, or a version set by hand)
  -m, --message <text>       what changed, for the revision history (optional with --as-is)
  --approver <contact-id>    who approved it, instead of plan.approver
  --date <YYYY-MM-DD>        the release date (default: today)
Push the tag with: git push --follow-tags`,
  async run(args) {
    const { values, positionals } = parse('release', args, {
      patch: { type: 'boolean', default: false },
      minor: { type: 'boolean', default: false },
      major: { type: 'boolean', default: false },
      'as-is': { type: 'boolean', default: false },
      message: { type: 'string', short: 'm' },
      approver: { type: 'string' },
      date: { type: 'string' },
    });
    const slug = positionals[0];
    if (!slug || positionals.length > 1)
      throw new UserError('IRP_ARGS', 'release needs exactly one client', {
        hint: 'irplan release northwind-logistics --minor -m "New NAS added"',
      });
    const bump = oneBump(BUMPS.filter((b) => values[b]));
    const summary = values.message?.trim() || null;
    if (!summary && bump !== 'as-is')
      throw new UserError('IRP_ARGS', 'release needs a summary', {
        hint: 'add -m "what changed", e.g. -m "New phone numbers for the IT team"',
      });
    const project = findProject(process.cwd());
    const released = releaseClient(project, {
      slug,
      bump,
      summary,
      approver: values.approver?.trim() || null,
      date: releaseDate(values.date),
    });
    out(
      `released ${slug} ${released.version}, approved by ${released.approver}: commit ${released.commit.slice(0, 7)} (${relative(process.cwd(), released.file)}), tag ${released.tag}`,
    );
    out(`publish it with: git push --follow-tags`);
    return 0;
  },
};

/** Exactly one of --patch, --minor, --major and --as-is. */
function oneBump(given: Bump[]): Bump {
  const [bump] = given;
  if (given.length !== 1 || !bump)
    throw new UserError('IRP_ARGS', 'release needs one of --patch, --minor, --major or --as-is', {
      hint: '--patch for corrections, --minor for new contacts or assets, --major for a rewritten plan, --as-is for the version in the file (a first release)',
    });
  return bump;
}

/** The release date is the one place besides `check` where today matters; --date makes it reproducible. */
function releaseDate(given: string | undefined): string {
  if (given === undefined) {
    return localToday();
  }
  if (parseIsoDate(given) === null) {
    throw new UserError('IRP_ARGS', `release: --date "${given}" is not a date`, {
      hint: 'write it as YYYY-MM-DD, e.g. --date 2026-11-27',
    });
  }
  return given;
}
