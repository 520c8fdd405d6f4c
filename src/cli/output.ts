import { formatUserError, sortErrors, systemError, UserError, UserErrors } from '../shared/index.ts';

const useColor = () => !process.env.NO_COLOR && process.stderr.isTTY === true;
const paint = (code: string, text: string) => (useColor() ? `\u001b[${code}m${text}\u001b[0m` : text);

/** Writes a line to stdout. */
export function out(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** Writes a line to stderr. */
export function err(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** Prints user errors one per line (plus hint), sorted by file and position. */
export function printErrors(errors: UserError[]): void {
  for (const e of sortErrors(errors)) {
    const [head, hint] = formatUserError(e).split('\n');
    err(paint('31', head ?? ''));
    if (hint) err(paint('2', hint));
  }
}

/** Turns anything thrown into an exit code: 1 for user errors, 2 (with the stack) for bugs. */
export function handleFailure(e: unknown, debug: boolean): number {
  // A full or read-only disk anywhere (not only where a stage expects it) is the user's environment.
  const system = systemError(e);
  if (system) {
    printErrors([system]);
    return 1;
  }
  if (e instanceof UserErrors) {
    printErrors(e.errors);
    return 1;
  }
  if (e instanceof UserError) {
    printErrors([e]);
    if (debug && e.cause) err(String((e.cause as Error).stack ?? e.cause));
    return 1;
  }
  err('irplan: internal error (a bug, not a problem with your plan). Please report it with this output:');
  err(e instanceof Error ? (e.stack ?? e.message) : String(e));
  return 2;
}
