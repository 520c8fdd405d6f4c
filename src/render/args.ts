import type Handlebars from 'handlebars';
import { preview } from '../shared/index.ts';

// Strict mode makes Handlebars refuse a misspelled {{path}}, but not a misspelled argument of a
// helper: {{names scope.bakup "x"}} hands the helper undefined. So every helper checks the kind of
// each value it is given and throws a HelperError; the render stage adds the template's position.

/** Where a helper call is in its template, as Handlebars' compiler records it (line 1-based, column 0-based). */
interface HelperLoc {
  start: { line: number; column: number };
}

/** A helper refused its arguments (or failed); `loc` is where the call is, once known. */
export class HelperError extends Error {
  readonly loc: HelperLoc | undefined;

  constructor(message: string, loc?: HelperLoc) {
    super(message);
    this.name = 'HelperError';
    this.loc = loc;
  }
}

/** What a value is, in words, for an error message ("text "Dev Patel"", "nothing"). */
function describe(value: unknown): string {
  if (value === undefined) return 'nothing (undefined: is the path spelled as in the model?)';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `the text "${preview(value, 40)}"`;
  if (typeof value === 'number' || typeof value === 'boolean') return `the ${typeof value} ${String(value)}`;
  return 'an object';
}

/** Throws the error of a helper given the wrong kind of value. */
function refuse(helper: string, what: string, want: string, value: unknown): never {
  throw new HelperError(`{{${helper}}} takes ${want} as its ${what}, but was given ${describe(value)}`);
}

/** Checks one argument; `what` names it ("first argument") and `want` says what it must be. */
export function check<T>(helper: string, value: unknown, what: string, want: string, ok: (v: unknown) => v is T): T {
  if (!ok(value)) refuse(helper, what, want, value);
  return value;
}

/** Type guards for check(). */
export const is = {
  defined: (v: unknown): v is unknown => v !== undefined,
  text: (v: unknown): v is string => typeof v === 'string',
  number: (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v),
  list: (v: unknown): v is unknown[] => Array.isArray(v),
  textList: (v: unknown): v is (string | number)[] =>
    Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number'),
  isoDateOrNull: (v: unknown): v is string | null => v === null || (typeof v === 'string' && ISO_DATE.test(v)),
  numberOrNull: (v: unknown): v is number | null => v === null || (typeof v === 'number' && Number.isFinite(v)),
  textOrNull: (v: unknown): v is string | null => v === null || typeof v === 'string',
  phoneOrNull: (v: unknown): v is { number: string } | null => v === null || isPhone(v),
  phonesOrNull: (v: unknown): v is { number: string }[] | null =>
    v === null || (Array.isArray(v) && v.every((x) => isPhone(x))),
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isPhone(v: unknown): v is { number: string } {
  return typeof v === 'object' && v !== null && typeof (v as { number?: unknown }).number === 'string';
}

/** Handlebars passes its options last; a direct call (a unit test) may leave them out. */
function isOptions(v: unknown): v is Handlebars.HelperOptions {
  return typeof v === 'object' && v !== null && 'hash' in v && 'name' in v;
}

/** The arguments of a fixed helper call without Handlebars' options object. */
export function argsOf(args: unknown[]): unknown[] {
  return isOptions(args.at(-1)) ? args.slice(0, -1) : args;
}

/**
 * Wraps every helper so that whatever it throws becomes a HelperError at the call's position:
 * the template author sees file:line:col, never a bare message or an empty string.
 */
export function locatedHelpers<T extends Record<string, (...args: never[]) => unknown>>(helpers: T): T {
  const out: Record<string, (...args: unknown[]) => unknown> = {};
  for (const [name, fn] of Object.entries(helpers)) {
    out[name] = (...args: unknown[]) => {
      try {
        return (fn as (...a: unknown[]) => unknown)(...args);
      } catch (err) {
        const options = args.at(-1);
        const loc = isOptions(options) ? (options as { loc?: HelperLoc }).loc : undefined;
        if (err instanceof HelperError && err.loc) throw err;
        throw new HelperError(err instanceof Error ? err.message : String(err), loc);
      }
    };
  }
  return out as unknown as T;
}
