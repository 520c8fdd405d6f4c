import { resolve } from 'node:path';
import { buildClients } from '../core/build.ts';
import { UserError } from '../core/errors.ts';
import { findProject } from '../core/project.ts';
import { parse } from './args.ts';
import type { Command } from './index.ts';
import { err, out, printErrors } from './output.ts';

export const command: Command = {
  summary: 'build each client\'s site and PDFs into dist/<slug>/',
  help: `Usage: irplan build [slug...] [--no-pdf] [--out dir] [--base /path/]

Builds the named clients (all when none are named) into <out>/<slug>/:
  site/          the publishable site (index.html at its root)
  pdf/           the binder and one PDF per checklist
  manifest.json  what was built, from which commit
Options:
  --no-pdf       skip printing (no browser needed)
  --out <dir>    output folder (default: dist)
  --base <path>  the URL path the site is hosted under (default: /), e.g. /ir/plan/
  --duplex       start every binder section on a right-hand page, for double-sided printing
A client that fails leaves its previous output as it was; the others are still built.`,
  async run(args) {
    const { values, positionals } = parse('build', args, {
      'no-pdf': { type: 'boolean', default: false },
      out: { type: 'string', default: 'dist' },
      base: { type: 'string', default: '/' },
      duplex: { type: 'boolean', default: false },
    });
    const base = normalizeBase(values.base);
    const project = findProject(process.cwd());
    const result = await buildClients(project, { slugs: positionals, outDir: resolve(values.out), base, pdf: !values['no-pdf'], duplex: values.duplex, log: (l) => err(l) });
    if (result.errors.length > 0) {
      printErrors(result.errors);
      out(`built ${result.built.length}, failed ${result.failed.length}: ${result.failed.join(', ')}`);
      return 1;
    }
    out(`built ${result.built.length} client${result.built.length === 1 ? '' : 's'} into ${values.out}/: ${result.built.join(', ')}`);
    return 0;
  },
};

function normalizeBase(base: string): string {
  if (!/^\/[A-Za-z0-9._~\-/]*$/.test(base) || base.includes('..')) {
    throw new UserError('IRP_ARGS', `--base "${base}" is not a URL path`, { hint: 'use a path like /ir/plan/' });
  }
  return base.endsWith('/') ? base : `${base}/`;
}
