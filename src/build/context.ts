import type { Tables } from '../model/index.ts';
import { loadTables } from '../model/index.ts';
import type { PrintBasis, PrinterOptions } from '../pdf/index.ts';
import { Printer } from '../pdf/index.ts';
import type { ValidClient } from '../plan/index.ts';
import type { BuildVersionSite } from '../versions/index.ts';
import type { Environment, Project, RepoState, UserError } from '../shared/index.ts';
import { readRepoState } from '../shared/index.ts';
import type { Reporter } from './events.ts';
import type { KeyInputs } from './keys.ts';
import { keyInputs } from './keys.ts';

/** What `irplan build` was asked to do. */
export interface BuildOptions {
  slugs: string[];
  outDir: string;
  base: string;
  /** No --base was given: every URL of the published site is relative to its page, so it opens from a file. */
  relative?: boolean;
  pdf: boolean;
  /** Write the Word binder (docx/<slug>-binder.docx); true unless --no-docx. */
  docx?: boolean;
  /** Start each binder section on a right-hand page. */
  duplex?: boolean;
  /** Rebuild even clients whose inputs have not changed. */
  force?: boolean;
  /** Build only share i of n (1-based): floor or ceiling of clients/n, stable as clients are added (shard.ts). */
  shard?: { index: number; count: number };
  /** Add each client's released versions under site/versions/ (false for the build of a version itself). */
  versions?: boolean;
  /** The environment, read once by the CLI's entry. */
  env: Environment;
  report: Reporter;
}

/** Which clients were built, skipped as unchanged or failed, and every error. */
export interface BuildResult {
  built: string[];
  unchanged: string[];
  errors: UserError[];
  failed: string[];
}

/** Builds the site of one released version from an export of its tree (see versions/). */
export type VersionBuilder = BuildVersionSite;

/** What every step of one build shares. */
export interface Ctx {
  project: Project;
  opts: BuildOptions;
  tables: Tables;
  repo: RepoState;
  keys: KeyInputs;
  printer: Printer | undefined;
  /** The print hashes' shared part (found on the first print) and how many PDFs were kept (reuse.ts). */
  prints: { basis?: PrintBasis; kept: number; docxCode?: string };
  result: BuildResult;
  buildVersion: VersionBuilder;
  /** Tells this build's work folders from those of a released version built inside it (same process). */
  run: number;
}

// A released version's site is built by a nested build in this process: its work folders must not
// be the outer build's, or its clean-up deletes the pages the outer build still reads (the Word binder).
let runs = 0;

/** A changed client waiting in its batch, with its place in the build's progress. */
export interface Queued {
  client: ValidClient;
  index: number;
  total: number;
}

/** Reads what the build's clients share (domain tables, git state, the shared part of every key) once. */
export function createContext(project: Project, opts: BuildOptions, buildVersion: VersionBuilder): Ctx {
  const repo = readRepoState(project.root);
  const e = opts.env;
  return {
    project,
    opts,
    tables: loadTables(project.templatesDir),
    repo,
    keys: keyInputs(
      project,
      {
        base: opts.base,
        relative: opts.relative === true,
        pdf: opts.pdf,
        docx: opts.docx !== false,
        duplex: opts.duplex === true,
        sourceDateEpoch: e.sourceDateEpoch,
      },
      repo,
    ),
    printer: opts.pdf ? new Printer(printerOptions(e)) : undefined,
    prints: { kept: 0 },
    result: { built: [], unchanged: [], errors: [], failed: [] },
    buildVersion,
    run: runs++,
  };
}

/** The printer's share of the environment. */
function printerOptions(e: Environment): PrinterOptions {
  return { timeoutMs: e.printTimeoutMs };
}
