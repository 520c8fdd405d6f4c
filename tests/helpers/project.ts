import { cpSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { REPO, tempDir } from './cli.ts';

/** A unique word per client, planted so a leak into another client's outputs can be found. */
export function tokenFor(slug: string): string {
  // One capital only: Pagefind splits camelCase words, and the parts would match other tokens.
  return `Qzx${slug.replace(/-/g, '')}tok`;
}

/**
 * Copies the shipped example plans into a fresh project folder and plants each client's token
 * where readers see it: a contact's surname, an asset's name and a location.
 */
export function tokenProject(extra: Record<string, { from: string; classification: string }> = {}): {
  root: string;
  tokens: Map<string, string>;
} {
  const root = tempDir('irplan-site-');
  cpSync(join(REPO, 'plans'), join(root, 'plans'), { recursive: true });
  for (const [slug, { from }] of Object.entries(extra))
    cpSync(join(root, 'plans', from), join(root, 'plans', slug), { recursive: true });
  const tokens = new Map<string, string>();
  // Client folders are the ones holding a plan.yaml (plans/ also holds shared files such as branding/).
  for (const slug of readdirSync(join(root, 'plans'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(root, 'plans', d.name, 'plan.yaml')))
    .map((d) => d.name)) {
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
