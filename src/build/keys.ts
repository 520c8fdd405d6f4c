import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkSlug } from '../plan/index.ts';
import type { Project, RepoState } from '../shared/index.ts';
import { buildKey, clientDirty, clientStamp, hashTree, toolFingerprint } from '../shared/index.ts';

// Each client's outputs are keyed by a hash of everything they depend on. When the key matches the
// one stored beside the outputs, the client is not rebuilt and its files stay untouched.

/** The file beside a client's outputs that records the key they were built from. */
const KEY_FILE = '.irplan-build.json';

/** What the key file records: the key, and the logo the plan named (a file outside the client's folder). */
interface KeyRecord {
  key: string;
  logo: string | null;
  /** msp.word_template, also a file outside the client's folder. */
  wordTemplate?: string | null;
}

/** What every client's key shares, hashed once per build rather than once per client. */
export interface KeyInputs {
  shared: string;
  project: Project;
  repo: RepoState;
  sourceDateEpoch: number | null;
  /** Keys already computed (slug and logo), so a changed client's files are hashed once, not twice. */
  memo: Map<string, string>;
}

/** The build options that outputs depend on. */
export interface KeyOptions {
  base: string;
  /** Relative URLs (no --base): the same base '/' gives a different site. */
  relative?: boolean;
  pdf: boolean;
  docx?: boolean;
  duplex: boolean;
  sourceDateEpoch: number | null;
}

/** The shared part of every key: irplan itself, the MSP defaults, the templates and the options. */
export function keyInputs(project: Project, opts: KeyOptions, repo: RepoState): KeyInputs {
  return {
    shared: buildKey({
      tool: toolFingerprint(),
      inputs: hashTree([join(project.plansDir, 'defaults.yaml'), project.templatesDir], project.root),
      options: {
        base: opts.base,
        relative: opts.relative === true,
        pdf: opts.pdf,
        docx: opts.docx !== false,
        duplex: opts.duplex,
      },
    }),
    project,
    repo,
    sourceDateEpoch: opts.sourceDateEpoch,
    memo: new Map(),
  };
}

/**
 * A client's key, from raw inputs only: its files, the logo its plan names, the shared inputs and
 * what git says about it. Everything the outputs depend on (the plan's version and dates, whether
 * it is a draft, the build date) is a function of these, so equal keys mean equal outputs.
 */
export function clientKey(slug: string, logo: string | null, k: KeyInputs, wordTemplate: string | null = null): string {
  const memoKey = `${slug}\0${logo ?? ''}\0${wordTemplate ?? ''}`;
  const known = k.memo.get(memoKey);
  if (known) return known;
  const dir = join(k.project.plansDir, slug);
  const key = buildKey({
    shared: k.shared,
    own: hashTree(
      [dir, ...[logo, wordTemplate].flatMap((f) => (f ? [resolve(k.project.plansDir, f)] : []))],
      k.project.root,
    ),
    logo,
    ...(wordTemplate ? { wordTemplate } : {}),
    stamp: clientStamp(k.repo, slug, k.sourceDateEpoch),
    dirty: clientDirty(k.repo, slug),
    tags: k.repo.tags.filter((t) => t.startsWith(`${slug}@`)),
  });
  k.memo.set(memoKey, key);
  return key;
}

/** Unchanged when the stored key equals the key of today's files (with the logo the plan named then). */
export function isUnchanged(slug: string, k: KeyInputs, outDir: string): boolean {
  if (checkSlug(k.project.plansDir, slug)) return false; // reported by validation
  const record = readKeyRecord(join(outDir, slug));
  return record !== undefined && record.key === clientKey(slug, record.logo, k, record.wordTemplate ?? null);
}

/** The record beside a client's outputs; undefined when there is none or it is unreadable. */
function readKeyRecord(dir: string): KeyRecord | undefined {
  try {
    const found = JSON.parse(readFileSync(join(dir, KEY_FILE), 'utf8')) as Partial<KeyRecord>;
    const text = (v: unknown) => (typeof v === 'string' ? v : null);
    return typeof found.key === 'string'
      ? { key: found.key, logo: text(found.logo), wordTemplate: text(found.wordTemplate) }
      : undefined;
  } catch {
    return undefined;
  }
}

/** Records the key a client's outputs were built from, beside them. */
export function writeKeyRecord(dir: string, record: KeyRecord): void {
  const extra = record.wordTemplate ? { wordTemplate: record.wordTemplate } : {};
  writeFileSync(join(dir, KEY_FILE), `${JSON.stringify({ key: record.key, logo: record.logo, ...extra })}\n`);
}
