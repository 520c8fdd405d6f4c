import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { tempDir } from './cli.ts';
import { copyExamples, EXAMPLE_CLIENTS } from './examples.ts';

/**
 * A fresh temporary project holding only the shipped examples (never a consultant's own clients
 * in plans/), removed when the test file ends. Every test that reads or builds plans starts here.
 */
export function examplesProject(prefix = 'irplan-project-'): string {
  const root = tempDir(prefix);
  copyExamples(root);
  return root;
}

let shared: string | undefined;

/** The plans/ folder of one examples project per test file, for tests that only read plans. */
export function examplePlans(): string {
  shared ??= examplesProject('irplan-examples-read-');
  return join(shared, 'plans');
}

/** A unique word per client, planted so a leak into another client's outputs can be found. */
function tokenFor(slug: string): string {
  // One capital only: Pagefind splits camelCase words, and the parts would match other tokens.
  return `Qzx${slug.replace(/-/g, '')}tok`;
}

/**
 * Copies the shipped example plans into a fresh project folder, adds copies of them named in
 * `extra`, and plants each client's token where readers see it: a contact's surname and an
 * asset's name.
 */
export function tokenProject(extra: Record<string, { from: string; classification: string }> = {}): {
  root: string;
  tokens: Map<string, string>;
} {
  const root = examplesProject('irplan-site-');
  for (const [slug, { from }] of Object.entries(extra))
    cpSync(join(root, 'plans', from), join(root, 'plans', slug), { recursive: true });
  const tokens = new Map<string, string>();
  for (const slug of [...EXAMPLE_CLIENTS, ...Object.keys(extra)]) {
    const token = tokenFor(slug);
    tokens.set(slug, token);
    plant(join(root, 'plans', slug, 'plan.yaml'), token, extra[slug]?.classification);
  }
  return { root, tokens };
}

function plant(file: string, token: string, classification: string | undefined): void {
  const doc = parseDocument(readFileSync(file, 'utf8'));
  doc.addIn(
    ['contacts'],
    doc.createNode({
      id: 'token-holder',
      name: `Tessa ${token}`,
      title: 'Token keeper',
      phones: [{ number: '+1 202 555 0117', label: 'mobile' }],
      email: `tessa@${token.toLowerCase()}.example`,
    }),
  );
  doc.addIn(
    ['assets'],
    doc.createNode({
      id: 'token-asset',
      name: `Ledger server ${token}`,
      kind: 'server',
      os: 'linux',
      criticality: 'high',
    }),
  );
  if (classification) doc.setIn(['plan', 'classification'], classification);
  writeFileSync(file, doc.toString());
}
