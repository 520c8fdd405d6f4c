import { resolve } from 'node:path';
import { buildClients } from '../build/index.ts';
import { projectWarnings } from '../plan/index.ts';
import { findProject, UserError } from '../shared/index.ts';
import { parse } from './args.ts';
import type { Command } from './command.ts';
import { printFileWarnings } from './findings.ts';
import { err, out, printErrors } from './output.ts';
import { createReporter, progressMode } from './progress.ts';

export const command: Command = {
  summary: "build each client's site and PDFs into dist/<slug>/",
  help: `Usage: irplan build [slug...] [--no-pdf] [--no-docx] [--out dir] [--base /path/]

Builds the named clients (all when none are named) into <out>/<slug>/:
  site/          the publishable site (index.html at its root)
  pdf/           the binder and one PDF per checklist
  docx/          the binder as an editable Word document
  manifest.json  what was built, from which commit
Options:
  --no-pdf       skip printing (no browser needed)
  --no-docx      skip the Word binder (docx/<slug>-binder.docx, built without a browser)
  --out <dir>    output folder (default: dist)
  --base <path>  the URL path the site is hosted under, e.g. /ir/plan/ (see docs/publishing.md);
                 without it every link is relative, so the site also opens from a folder
  --duplex       start every binder section on a right-hand page, for double-sided printing
  --force        rebuild every client, even those whose inputs have not changed
  --shard i/n    build only the i-th of n shares of the clients (for CI matrices): each share
                 holds clients/n rounded down or up, and adding a client moves at most n-1 others
  --quiet        print only errors and notes
  --json         print progress as JSON lines on stdout (events: shard, validate, start, client-start,
                 stage, client, note, done)
Unchanged clients (same plan files, defaults, templates, options and irplan) are skipped and
their files left untouched.
A client that fails leaves its previous output as it was; the others are still built.
Warns (on stderr, as irplan validate does) about TODO markers left and an MSP layer in
plans/defaults.yaml that is still irplan's example MSP.`,
  async run(args, env) {
    const { values, positionals } = parse('build', args, {
      'no-pdf': { type: 'boolean', default: false },
      'no-docx': { type: 'boolean', default: false },
      out: { type: 'string', default: 'dist' },
      base: { type: 'string' },
      duplex: { type: 'boolean', default: false },
      force: { type: 'boolean', default: false },
      shard: { type: 'string' },
      quiet: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    });
    const base = normalizeBase(values.base ?? '/');
    const project = findProject(process.cwd());
    const mode = progressMode({ json: values.json, quiet: values.quiet });
    // On stderr, so --json's stdout stays JSON; a shard leaves the clients' markers to validate, once.
    printFileWarnings(projectWarnings(project.plansDir, values.shard ? null : positionals), err);
    const result = await buildClients(project, {
      slugs: positionals,
      outDir: resolve(values.out),
      base,
      relative: values.base === undefined,
      pdf: !values['no-pdf'],
      docx: !values['no-docx'],
      duplex: values.duplex,
      force: values.force,
      env,
      report: createReporter(mode),
      ...(values.shard ? { shard: parseShard(values.shard) } : {}),
    });
    if (result.errors.length > 0) printErrors(result.errors);
    if (mode !== 'json') {
      const summary = `built ${result.built.length}, unchanged ${result.unchanged.length}, failed ${result.failed.length} into ${values.out}/`;
      (result.errors.length > 0 ? err : out)(
        result.failed.length ? `${summary}: ${result.failed.join(', ')} failed` : summary,
      );
    }
    return result.errors.length > 0 ? 1 : 0;
  },
};

function parseShard(text: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index < 1 || index > count)
    throw new UserError('IRP_ARGS', `--shard "${text}" is not i/n`, {
      hint: 'use e.g. --shard 2/4 for the second of four shards',
    });
  return { index, count };
}

function normalizeBase(base: string): string {
  if (!/^\/[A-Za-z0-9._~\-/]*$/.test(base) || base.includes('..')) {
    throw new UserError('IRP_ARGS', `--base "${base}" is not a URL path`, { hint: 'use a path like /ir/plan/' });
  }
  return base.endsWith('/') ? base : `${base}/`;
}
