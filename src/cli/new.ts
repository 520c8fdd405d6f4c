import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { UserError } from '../shared/index.ts';
import { findProject, localToday, TOOL_ROOT } from '../shared/index.ts';
import { parse } from './args.ts';
import type { Command } from './command.ts';
import { out } from './output.ts';

const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;

export const command: Command = {
  summary: 'scaffold plans/<slug>/plan.yaml, commented, ready to validate and build',
  help: `Usage: irplan new <slug> [--name "Client Name"]

Creates plans/<slug>/plan.yaml with the schema modeline (editors check and explain every field)
and comments that teach the format. The slug is the client's folder name: lower-case letters,
digits and dashes.`,
  async run(args) {
    const { values, positionals } = parse('new', args, { name: { type: 'string' } });
    const slug = positionals[0];
    if (!slug || positionals.length > 1 || !SLUG.test(slug)) {
      throw new UserError('IRP_ARGS', slug ? `"${slug}" is not a valid client slug` : 'new needs a client slug', {
        hint: 'use lower-case letters, digits and dashes, e.g. irplan new northwind-logistics --name "Northwind Logistics"',
      });
    }
    const project = findProject(process.cwd());
    const dir = join(project.plansDir, slug);
    if (existsSync(join(dir, 'plan.yaml'))) {
      throw new UserError('IRP_EXISTS', `plans/${slug}/plan.yaml already exists`, {
        position: { file: join(dir, 'plan.yaml'), line: 1, col: 1 },
        hint: 'choose another slug or edit the existing plan',
      });
    }
    const name =
      values.name ??
      slug
        .split('-')
        .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
        .join(' ');
    // JSON strings are valid YAML double-quoted scalars: any client name stays one plain string.
    const text = readFileSync(join(TOOL_ROOT, 'templates', 'scaffold', 'plan.yaml'), 'utf8')
      .replace(
        /^# Incident response plan for __NAME__\./m,
        `# Incident response plan for ${name.replace(/[\r\n]/g, ' ')}.`,
      )
      .replaceAll('__NAME__', JSON.stringify(name))
      .replace(/^(# yaml-language-server: \$schema=).*$/m, `$1${schemaRef(project.root, dir)}`)
      .replaceAll('__SLUG__', slug)
      // Creating a plan is a user action on a day: the plan starts, and its contact is confirmed, today.
      // (Builds never read the clock; they take their dates from the plan and git.)
      .replaceAll('__TODAY__', localToday());
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'plan.yaml'), text, { flag: 'wx' });
    out(`created ${relative(process.cwd(), join(dir, 'plan.yaml'))}`);
    out(`next: edit it, then npx irplan validate ${slug} && npx irplan build ${slug}`);
    return 0;
  },
};

/**
 * The schema modeline's path from the new plan's folder: through node_modules/irplan in a plans
 * repository of a consultant's own (`irplan init`), so the committed path works on every machine;
 * straight to irplan's own src/schema inside the irplan checkout.
 */
function schemaRef(root: string, dir: string): string {
  const installed = join(root, 'node_modules', 'irplan', 'src', 'schema', 'plan.schema.json');
  const target = existsSync(installed) ? installed : join(TOOL_ROOT, 'src', 'schema', 'plan.schema.json');
  return relative(dir, target).split(sep).join('/');
}
