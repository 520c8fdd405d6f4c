import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../shared/index.ts';
import type { Position } from '../shared/index.ts';
import { loadClient } from './client.ts';
import type { ClientSource } from './client.ts';
import { checkSlug, listClients } from './files.ts';
import type { Plan } from './types.ts';
import { validateDefaults, validatePlan } from './validate.ts';
import { loadYamlFile } from './yaml.ts';
import type { LoadedFile } from './yaml.ts';

/** A client whose files loaded and validated. */
export interface ValidClient {
  slug: string;
  dir: string;
  files: string[];
  plan: Plan;
}

/** The outcome of reading clients: the valid ones, and every error of the broken ones. */
export interface ReadResult {
  clients: ValidClient[];
  errors: UserError[];
  failed: string[];
}

/**
 * Loads and validates the named clients (all when none are named). Naming clients limits the work
 * to them: no other client's folder is read. Every error of every file is collected.
 */
export function readClients(plansDir: string, slugs: string[]): ReadResult {
  const errors: UserError[] = [];
  const failed: string[] = [];
  const names = slugs.length > 0 ? slugs : listClients(plansDir);
  if (names.length === 0) {
    errors.push(
      new UserError('IRP_NO_CLIENTS', 'there are no client plans', {
        position: { file: plansDir, line: 1, col: 1 },
        hint: 'create one with: npx irplan new <slug>',
      }),
    );
    return { clients: [], errors, failed };
  }
  const msp = readDefaults(plansDir, errors);
  if (msp === null) return { clients: [], errors, failed: names };
  const clients: ValidClient[] = [];
  for (const slug of names) {
    const bad = checkSlug(plansDir, slug);
    if (bad) {
      errors.push(bad);
      failed.push(slug);
      continue;
    }
    // A client over broken defaults is still read, so its own problems are reported in the same
    // run; it cannot be valid, since every client depends on the MSP layer.
    const found: UserError[] = [];
    const client = readClient(plansDir, slug, msp.loaded, found);
    errors.push(...found.filter((e) => !repeats(e, msp.errors)));
    if (client && msp.errors.length === 0) clients.push(client);
    else failed.push(slug);
  }
  return { clients, errors: dedupe(errors), failed };
}

/** An error of the merged plan at the place and of the kind the defaults file was already reported for. */
function repeats(e: UserError, mspErrors: UserError[]): boolean {
  const p = e.position;
  return mspErrors.some(
    (m) =>
      m.code === e.code && m.position?.file === p?.file && m.position?.line === p?.line && m.position?.col === p?.col,
  );
}

/**
 * The MSP layer (none without a defaults file) and its own errors, which are also added to `errors`;
 * null when it cannot be read at all, since every client is merged over it.
 */
function readDefaults(plansDir: string, errors: UserError[]): { loaded?: LoadedFile; errors: UserError[] } | null {
  const file = join(plansDir, 'defaults.yaml');
  if (!existsSync(file)) return { errors: [] };
  try {
    const loaded = loadYamlFile(file);
    const found = validateDefaults({ ...loaded, fallback: at(file) });
    errors.push(...found);
    return { loaded, errors: found };
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    errors.push(err);
    return null;
  }
}

function readClient(
  plansDir: string,
  slug: string,
  defaults: LoadedFile | undefined,
  errors: UserError[],
): ValidClient | undefined {
  // Most clients are valid, and positions only serve error messages: read without them first.
  const quick = loadClient(plansDir, slug, defaults, { positions: false }).source;
  if (quick && check(quick).length === 0) return validClient(quick);
  // A broken client is read again with positions, so each error points at its line.
  const loaded = loadClient(plansDir, slug, defaults);
  errors.push(...loaded.errors);
  if (!loaded.source) return undefined;
  const found = check(loaded.source);
  errors.push(...found);
  return found.length === 0 ? validClient(loaded.source) : undefined;
}

function check(source: ClientSource): UserError[] {
  return validatePlan({
    data: source.data,
    positions: source.positions,
    keyPositions: source.keyPositions,
    fallback: at(source.files[0] ?? source.dir),
  });
}

function validClient(source: ClientSource): ValidClient {
  return { slug: source.slug, dir: source.dir, files: source.files, plan: source.data as unknown as Plan };
}

function at(file: string): Position {
  return { file, line: 1, col: 1 };
}

/** The defaults file's errors would repeat once per client. */
function dedupe(errors: UserError[]): UserError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.position?.file}:${e.position?.line}:${e.position?.col}:${e.code}:${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
