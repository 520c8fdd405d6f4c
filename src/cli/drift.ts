import { relative, resolve } from 'node:path';
import { driftReport } from '../import/index.ts';
import type { Kind } from '../import/index.ts';
import { findProject, UserError } from '../shared/index.ts';
import { printFileWarnings } from './findings.ts';
import { out } from './output.ts';

/** The part of `irplan check --help` about --against. */
export const DRIFT_HELP = `
irplan check <slug> --against <file.csv> [--map <preset|file>] [--kind contacts|assets]
  compares the client's plan.yaml with an export instead (default --kind contacts): entries in
  one and not the other, titles, e-mails, criticality and phones that differ (phones compared as
  dialled, read in the client's country), each as a warning IRP_DRIFT at its place in plan.yaml.`;

/** `irplan check --against`: drift between one client's plan and an export; exit 1 with --strict when any. */
export function runDrift(
  slugs: string[],
  values: { against: string; map?: string | undefined; kind?: string | undefined; strict?: boolean | undefined },
): number {
  const [slug, ...more] = slugs;
  if (!slug || more.length > 0)
    throw new UserError('IRP_ARGS', 'check --against needs exactly one client', {
      hint: 'irplan check northwind-logistics --against contacts.csv',
    });
  const kind = values.kind ?? 'contacts';
  if (kind !== 'contacts' && kind !== 'assets')
    throw new UserError('IRP_ARGS', `check: --kind "${kind}" is neither contacts nor assets`, {
      hint: '--kind contacts or --kind assets',
    });
  const project = findProject(process.cwd());
  const found = driftReport({
    plansDir: project.plansDir,
    templatesDir: project.templatesDir,
    slug,
    kind: kind as Kind,
    csv: resolve(values.against),
    shown: values.against,
    map: values.map,
  });
  printFileWarnings(found);
  out(
    `${slug}: ${found.length} difference${found.length === 1 ? '' : 's'} between ${relative(process.cwd(), resolve(values.against))} and the plan`,
  );
  return values.strict && found.length > 0 ? 1 : 0;
}
