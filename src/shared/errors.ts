/** A position in an input file, 1-based as editors show it. */
export interface Position {
  file: string;
  line: number;
  col: number;
}

/**
 * A problem the user can fix: it names where it is, what is wrong and how to fix it.
 * Anything else that reaches the CLI's top-level catch is a bug.
 */
export class UserError extends Error {
  readonly code: string;
  readonly position: Position | undefined;
  readonly hint: string | undefined;

  constructor(
    code: string,
    message: string,
    opts: { position?: Position | undefined; hint?: string | undefined; cause?: unknown } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'UserError';
    this.code = code;
    this.position = opts.position;
    this.hint = opts.hint;
  }
}

/** Several user errors found in one pass, reported together. */
export class UserErrors extends Error {
  readonly errors: UserError[];

  constructor(errors: UserError[]) {
    super(`${errors.length} error${errors.length === 1 ? '' : 's'}`);
    this.name = 'UserErrors';
    this.errors = errors;
  }
}

const SYSTEM: Record<string, [string, string]> = {
  ENOSPC: ['no space left on the device', 'free some space, or build into another folder with --out'],
  EDQUOT: ['the disk quota is exceeded', 'free some space, or build into another folder with --out'],
  EROFS: ['the file system is read-only', 'build into a writable folder with --out'],
  EACCES: ['permission denied', "check the folder's permissions, or build into another folder with --out"],
  EPERM: ['the operation is not permitted', "check the folder's permissions, or build into another folder with --out"],
};

/**
 * A full, read-only or locked-down disk is the user's environment, not a bug: it becomes a user
 * error naming the path. Any other error is left for the top-level catch (undefined).
 */
export function systemError(err: unknown): UserError | undefined {
  const { code, path } = (err ?? {}) as { code?: unknown; path?: unknown };
  const known = typeof code === 'string' ? SYSTEM[code] : undefined;
  if (!known) return undefined;
  const where = typeof path === 'string' ? path : undefined;
  return new UserError(
    'IRP_WRITE',
    `cannot write ${where ? 'this path' : 'the output'}: ${known[0]} (${String(code)})`,
    { position: where ? { file: where, line: 1, col: 1 } : undefined, hint: known[1], cause: err },
  );
}

/** Formats one error as `<file>:<line>:<col> error <CODE> <message>` plus an indented hint line. */
export function formatUserError(err: UserError, cwd = process.cwd()): string {
  const where = err.position ? `${relativeTo(err.position.file, cwd)}:${err.position.line}:${err.position.col} ` : '';
  const head = `${where}error ${err.code} ${oneLine(err.message)}`;
  return err.hint ? `${head}\n  hint: ${oneLine(err.hint)}` : head;
}

/** Sorts errors by file, line and column so output is stable and reads top to bottom. */
export function sortErrors(errors: UserError[]): UserError[] {
  return [...errors].sort((a, b) => {
    const pa = a.position,
      pb = b.position;
    if (!pa || !pb) return pa ? -1 : pb ? 1 : 0;
    return pa.file.localeCompare(pb.file) || pa.line - pb.line || pa.col - pb.col;
  });
}

function relativeTo(file: string, cwd: string): string {
  return file.startsWith(`${cwd}/`) ? file.slice(cwd.length + 1) : file;
}

/**
 * A value quoted in an error message: its first line only, cut short. CI logs are read by people
 * who should not see the rest of a plan, so a message never carries more than the offending value.
 */
export function preview(value: unknown, max = 60): string {
  const text =
    typeof value === 'string'
      ? value
      : typeof value === 'number' || typeof value === 'boolean'
        ? String(value)
        : Array.isArray(value)
          ? 'a list'
          : value === null || value === undefined
            ? 'empty'
            : 'a mapping';
  const lines = text.split(/\r?\n|\r|\u2028|\u2029/);
  const first = lines[0] ?? '';
  const cut =
    first.length > max
      ? `${first.slice(0, max)}…`
      : lines.length > 1 && lines.slice(1).some((l) => l.trim() !== '')
        ? `${first}…`
        : first;
  return oneLine(cut);
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control and bidi characters are made visible
const INVISIBLE = /[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g;

/** Error text goes to CI logs: one line, control characters made visible, never a dump. */
export function oneLine(text: string, max = 300): string {
  const flat = text
    .replace(/\r?\n/g, ' ')
    .replace(INVISIBLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
