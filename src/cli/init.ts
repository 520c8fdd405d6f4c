import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
} from 'node:fs';
import { writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { git, TOOL_ROOT, toE164, UserError } from '../shared/index.ts';
import { parse } from './args.ts';
import type { Command } from './command.ts';
import { out } from './output.ts';

// `irplan init` copies the scaffold irplan ships (scaffold/) and fills in what depends on the MSP
// and on this copy of irplan. The words of the new repository are in the scaffold, not here.

const SCAFFOLD = join(TOOL_ROOT, 'scaffold');

/** What the new repository is made from. */
interface Setup {
  name: string | undefined;
  hotline: string | undefined;
  /** The npm dependency spec of irplan: a file: path, a git URL or a tarball. */
  irplan: string;
}

export const command: Command = {
  summary: 'create a plans repository for an MSP: package.json on irplan, defaults to fill in, CI',
  help: `Usage: irplan init <dir> [--msp-name "Your MSP"] [--msp-hotline "+1 555 010 0100"] [--from <spec>]

Creates <dir> (which must be empty or new) as a repository for your clients' plans alone:
  package.json         depends on irplan and pins the Node.js it runs on (as irplan does)
  plans/defaults.yaml  your MSP, with each line still to fill in marked TODO (validate lists them)
  templates/           empty: its README explains how to change what the binders say
  .github/workflows/   the pull-request checks
  README.md, .gitignore
and runs git init when git is there.
Options:
  --msp-name <name>       your MSP's name, for covers, the wallet card and the call lists
  --msp-hotline <number>  your 24x7 incident hotline, international form with a leading +
  --from <spec>           where npm gets irplan: a git URL or a tarball (path or URL); default:
                          this irplan's folder, as a file: dependency (this machine only)`,
  async run(args) {
    const { values, positionals } = parse('init', args, {
      'msp-name': { type: 'string' },
      'msp-hotline': { type: 'string' },
      from: { type: 'string' },
    });
    const dir = targetDir(positionals);
    const setup: Setup = {
      name: nonEmpty('--msp-name', values['msp-name']),
      hotline: checkHotline(values['msp-hotline']),
      irplan: dependencySpec(values.from),
    };
    writeRepository(dir, setup);
    const repo = initGit(dir);
    report(dir, setup, repo);
    return 0;
  },
};

/** The one folder to create; an existing folder must be empty, so nothing of the user's is overwritten. */
function targetDir(positionals: string[]): string {
  const given = positionals[0];
  if (!given || positionals.length > 1)
    throw new UserError('IRP_ARGS', 'init needs exactly one folder', {
      hint: 'irplan init acme-it-plans --msp-name "Acme IT" --msp-hotline "+1 555 010 0100"',
    });
  const dir = resolve(given);
  if (!existsSync(dir)) return dir;
  const where = { file: dir, line: 1, col: 1 };
  if (!statSync(dir).isDirectory())
    throw new UserError('IRP_EXISTS', `${given} exists and is not a folder`, {
      position: where,
      hint: 'name a new folder, or an empty one',
    });
  if (readdirSync(dir).length > 0)
    throw new UserError('IRP_EXISTS', `${given} is not empty`, {
      position: where,
      hint: 'name a new folder, or an empty one: init never writes over files that are there',
    });
  return dir;
}

function nonEmpty(option: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const text = value.replace(/[\r\n]+/g, ' ').trim();
  if (!text) throw new UserError('IRP_ARGS', `${option} is empty`, { hint: `give ${option} a value, or leave it out` });
  return text;
}

/** The hotline goes in every client's call list: it must be a number that can be dialled from anywhere. */
function checkHotline(value: string | undefined): string | undefined {
  const number = nonEmpty('--msp-hotline', value);
  if (number === undefined) return undefined;
  if (!number.startsWith('+') || toE164(number, null) === null)
    throw new UserError('IRP_ARGS', `--msp-hotline "${number}" is not a phone number in international form`, {
      hint: 'write it with a leading + and the country code, e.g. "+1 555 010 0100"; clients in any country dial it',
    });
  return number;
}

/** irplan's dependency spec: this folder by default; a local tarball or folder by its absolute path. */
function dependencySpec(from: string | undefined): string {
  if (from === undefined) return `file:${TOOL_ROOT}`;
  const spec = nonEmpty('--from', from) ?? '';
  // package.json lives in the new folder: a path relative to here would point elsewhere from there.
  return existsSync(resolve(spec)) ? `file:${resolve(spec)}` : spec;
}

/** Writes the repository beside its place and moves it in, so a failure leaves no half-made folder. */
function writeRepository(dir: string, setup: Setup): void {
  const temp = `${dir}.tmp-${process.pid}`;
  mkdirSync(dirname(dir), { recursive: true });
  try {
    cpSync(SCAFFOLD, temp, { recursive: true });
    // npm leaves a package's .gitignore files out of it, so the scaffold keeps this one without the dot.
    renameSync(join(temp, 'gitignore'), join(temp, '.gitignore'));
    fill(join(temp, 'package.json'), (text) => packageJson(text, basename(dir), setup.irplan));
    fill(join(temp, 'plans', 'defaults.yaml'), (text) => defaultsYaml(text, setup));
    if (existsSync(dir)) rmdirSync(dir);
    renameSync(temp, dir);
  } catch (e) {
    rmSync(temp, { recursive: true, force: true });
    throw e;
  }
}

function fill(file: string, edit: (text: string) => string): void {
  writeFileSync(file, edit(readFileSync(file, 'utf8')));
}

/** The scaffold's package.json with the repository's name, irplan, and irplan's own Node.js pin. */
function packageJson(text: string, folder: string, irplan: string): string {
  const own = JSON.parse(readFileSync(join(TOOL_ROOT, 'package.json'), 'utf8')) as {
    devDependencies?: { node?: string };
    allowScripts?: Record<string, boolean>;
  };
  const pkg = JSON.parse(text) as Record<string, unknown>;
  pkg.name =
    folder
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^[._-]+/, '') || 'msp-plans';
  pkg.dependencies = { irplan };
  // The same Node.js as irplan's own: `npx irplan` then runs on it whatever Node.js the machine has.
  pkg.devDependencies = own.devDependencies?.node ? { node: own.devDependencies.node } : {};
  // Which install scripts npm may run (Node.js's yes, the browser download no), as irplan decided.
  if (own.allowScripts) pkg.allowScripts = own.allowScripts;
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

/** The MSP layer with the names given; what was not given stays a TODO that validate reports. */
function defaultsYaml(text: string, setup: Setup): string {
  // JSON strings are valid YAML double-quoted scalars: any name stays one plain string.
  const quote = (value: string) => JSON.stringify(value);
  return (
    text
      .replaceAll('__MSP_NAME__', quote(setup.name ?? "TODO: your MSP's name"))
      .replaceAll('__HOTLINE_NAME__', quote(setup.name ? `${setup.name} incident hotline` : 'Incident hotline'))
      // Short enough for the schema's limit, so validation says it is no number rather than too long.
      .replaceAll('__MSP_HOTLINE__', quote(setup.hotline ?? 'TODO: 24x7 number, with +'))
  );
}

/** git init on the default branch `main`; false when git is not installed or fails. */
function initGit(dir: string): boolean {
  return git(dir, ['init', '-q', '-b', 'main']) !== null || git(dir, ['init', '-q']) !== null;
}

function report(dir: string, setup: Setup, repo: boolean): void {
  const shown = relative(process.cwd(), dir) || '.';
  out(`created ${shown}/${setup.name ? ` for ${setup.name}` : ''}, with irplan from ${setup.irplan}`);
  if (!repo) out(`git was not found or failed: run git init in ${shown} yourself`);
  if (setup.irplan.startsWith('file:') && !setup.irplan.endsWith('.tgz'))
    out('irplan is a folder on this machine: for colleagues and CI, give package.json a git URL or tarball');
  out('next:');
  out(`  cd ${shown} && npm install`);
  out(
    `  fill in plans/defaults.yaml${setup.hotline ? '' : ' (the hotline number first: validation fails until it is there)'}`,
  );
  out('  npx irplan new <client> --name "Client Name" && npx irplan validate && npx irplan build');
}
