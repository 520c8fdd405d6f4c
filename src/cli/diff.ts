import { UserError } from '../shared/index.ts';
import { formatJson, formatMarkdown, formatText } from '../diff/index.ts';
import type { DiffReport } from '../diff/index.ts';
import { compareSides } from '../diff/index.ts';
import { defaultRefs, loadSide } from '../diff/index.ts';
import { findProject, git } from '../shared/index.ts';
import { parse } from './args.ts';
import type { Command } from './command.ts';
import { out } from './output.ts';

/** The report's forms by --format: the choice is the flag's, never guessed from the terminal. */
const FORMATS: Record<string, ((report: DiffReport) => string) | undefined> = {
  text: formatText,
  md: formatMarkdown,
  json: formatJson,
};

export const command: Command = {
  summary: 'changes in meaning between two versions of the plans, per client (for pull requests)',
  help: `Usage: irplan diff [<base-ref> [<head-ref>]] [--format text|md|json]

Compares the plans and templates at two git refs, read straight from git (nothing is checked
out), and prints per changed client what changed in meaning, naming people and assets:
contacts and assets added, removed or changed; insurance terms; plan version and
classification; regulations. Changes the client's insurer may need to hear about are flagged.
Template changes list the clients they affect. Unchanged clients are not mentioned.

Refs:
  none        base = where this branch left main (on main: the last commit), head = working tree
  <base>      base = <base>, head = the working tree (uncommitted changes included)
  <base> <head>  two commits, e.g. irplan diff HEAD~1 HEAD
Options:
  --format text  plain text for a terminal (default)
  --format md    Markdown for a pull-request comment (client text escaped so it stays text)
  --format json  the same as JSON for tools
Exit 0 when both sides could be read; 1 when a ref is unknown or a client is invalid at head.`,
  async run(args) {
    const { values, positionals } = parse('diff', args, { format: { type: 'string', default: 'text' } });
    const format = FORMATS[values.format];
    if (!format)
      throw new UserError('IRP_ARGS', `diff: unknown format "${values.format}"`, {
        hint: 'use --format text (the default), --format md or --format json',
      });
    if (positionals.length > 2)
      throw new UserError('IRP_ARGS', 'diff takes at most two refs', {
        hint: 'irplan diff <base-ref> <head-ref>, e.g. irplan diff main HEAD',
      });
    const project = findProject(process.cwd());
    if (git(project.root, ['rev-parse', '--git-dir']) === null) {
      throw new UserError('IRP_NOT_GIT', `${project.root} is not a git repository`, {
        position: { file: project.root, line: 1, col: 1 },
        hint: 'diff compares commits: run it inside the plan repository (git init, commit the plans)',
      });
    }
    const refs = defaultRefs(project.root, positionals[0], positionals[1]);
    const base = loadSide(project.root, refs.base);
    try {
      const head = loadSide(project.root, refs.head);
      try {
        const report = compareSides(base, head);
        out(format(report).trimEnd());
        return report.invalid.some((i) => i.side === 'head') ? 1 : 0;
      } finally {
        head.dispose();
      }
    } finally {
      base.dispose();
    }
  },
};
