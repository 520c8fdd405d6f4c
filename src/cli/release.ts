import { relative } from 'node:path';
import { localToday, parseIsoDate, UserError } from '../shared/index.ts';
import { findProject, git } from '../shared/index.ts';
import { releaseClient } from '../release/index.ts';
import type { Bump } from '../release/index.ts';
import { parse } from './args.ts';
import type { Command } from './command.ts';
import { out } from './output.ts';

export const command: Command = {
  summary: "release a client's plan: bump plan.version, record it in plan.history, commit and tag",
  help: `Usage: irplan release <slug> --patch|--minor|--major -m "summary" [--approver NAME] [--date YYYY-MM-DD]

Bumps plan.version in the client's plan.yaml (comments and layout kept), sets plan.effective to
the release date when the plan has one, adds { version, date, summary, approver } at the top of
plan.history (shown in the binder's document control), commits only that file and tags the
commit <slug>@<version>.
Refuses when the plan is invalid or plans/<slug>/ has uncommitted changes.
Options:
  --patch, --minor, --major  which part of the version to raise (exactly one)
  -m, --message <text>       what changed, for the revision history
  --approver <name>          who approved it (default: git config user.name)
  --date <YYYY-MM-DD>        the release date (default: today)
Push the tag with: git push --follow-tags`,
  async run(args) {
    const { values, positionals } = parse('release', args, {
      patch: { type: 'boolean', default: false },
      minor: { type: 'boolean', default: false },
      major: { type: 'boolean', default: false },
      message: { type: 'string', short: 'm' },
      approver: { type: 'string' },
      date: { type: 'string' },
    });
    const slug = positionals[0];
    if (!slug || positionals.length > 1)
      throw new UserError('IRP_ARGS', 'release needs exactly one client', {
        hint: 'irplan release northwind-logistics --minor -m "New NAS added"',
      });
    const bumps = (['patch', 'minor', 'major'] as const).filter((b) => values[b]);
    if (bumps.length !== 1 || !bumps[0])
      throw new UserError('IRP_ARGS', 'release needs one of --patch, --minor or --major', {
        hint: '--patch for corrections, --minor for new contacts or assets, --major for a rewritten plan',
      });
    const summary = values.message?.trim();
    if (!summary)
      throw new UserError('IRP_ARGS', 'release needs a summary', {
        hint: 'add -m "what changed", e.g. -m "New phone numbers for the IT team"',
      });
    const project = findProject(process.cwd());
    const released = releaseClient(project, {
      slug,
      bump: bumps[0] as Bump,
      summary,
      approver: approver(project.root, values.approver),
      date: releaseDate(values.date),
    });
    out(
      `released ${slug} ${released.version}: commit ${released.commit.slice(0, 7)} (${relative(process.cwd(), released.file)}), tag ${released.tag}`,
    );
    out(`publish it with: git push --follow-tags`);
    return 0;
  },
};

function approver(root: string, given: string | undefined): string {
  const name = given?.trim() || git(root, ['config', 'user.name']);
  if (!name)
    throw new UserError('IRP_ARGS', 'release needs an approver', {
      hint: 'add --approver "Maria Lopez", or set git config user.name',
    });
  return name.replace(/[\r\n]+/g, ' ');
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
