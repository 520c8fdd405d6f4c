import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

// No test-runner import here: the global setup runs outside a test file and uses these too.

export const REPO = resolve(import.meta.dirname, '..', '..');
const BIN = join(REPO, 'bin', 'irplan.mjs');

/** Runs the irplan CLI as a user would, in the project folder `cwd`, and returns its exit code and output. */
export function irplan(args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv }) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...opts.env },
    timeout: 600_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs a command-line tool (pdftotext, pdfinfo ...) and returns stdout. */
export function tool(cmd: string, args: string[]): string {
  // A long checklist's structured text (mutool's stext) passes Node's default 1 MiB output limit.
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}
