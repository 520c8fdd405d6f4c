import { readFileSync } from 'node:fs';
import { closest, exposeGc, readEnvironment, TOOL_ROOT, UserError } from '../shared/index.ts';
import type { Command } from './command.ts';
import { handleFailure, out } from './output.ts';

const COMMANDS: Record<string, () => Promise<Command>> = {
  init: async () => (await import('./init.ts')).command,
  new: async () => (await import('./new.ts')).command,
  validate: async () => (await import('./validate.ts')).command,
  build: async () => (await import('./build.ts')).command,
  doctor: async () => (await import('./doctor.ts')).command,
  dev: async () => (await import('./dev.ts')).command,
  diff: async () => (await import('./diff.ts')).command,
  check: async () => (await import('./check.ts')).command,
  coverage: async () => (await import('./coverage.ts')).command,
  release: async () => (await import('./release.ts')).command,
  incident: async () => (await import('./incident.ts')).command,
  import: async () => (await import('./import.ts')).command,
};

function version(): string {
  return (JSON.parse(readFileSync(`${TOOL_ROOT}/package.json`, 'utf8')) as { version: string }).version;
}

async function usage(): Promise<string> {
  const lines = await Promise.all(
    Object.entries(COMMANDS).map(async ([name, load]) => `  ${name.padEnd(10)} ${(await load()).summary}`),
  );
  return [
    'irplan: incident response plans as code',
    '',
    'Usage: irplan <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    "Run irplan <command> --help for a command's options.",
    'Exit codes: 0 ok, 1 a problem with the plans or arguments, 2 a bug in irplan.',
  ].join('\n');
}

/** Runs the CLI; the one place where errors become exit codes. */
export async function main(argv: string[]): Promise<number> {
  const env = readEnvironment();
  try {
    const [name, ...rest] = argv;
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      out(await usage());
      return 0;
    }
    if (name === '--version' || name === '-v') {
      out(version());
      return 0;
    }
    const load = COMMANDS[name];
    if (!load) {
      const guess = closest(name, Object.keys(COMMANDS));
      throw new UserError('IRP_UNKNOWN_COMMAND', `unknown command "${name}"`, {
        hint: guess ? `did you mean \`irplan ${guess}\`?` : 'run irplan --help for the list of commands',
      });
    }
    const command = await load();
    if (rest.includes('--help') || rest.includes('-h')) {
      out(command.help);
      return 0;
    }
    exposeGc();
    return await command.run(rest, env);
  } catch (e) {
    return handleFailure(e, env.debug);
  }
}
