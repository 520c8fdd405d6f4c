import { cpSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from './bin.ts';

// No test-runner import here: the global setup copies the examples too.

/** The example clients irplan ships in plans/; tests name these and never list plans/. */
export const EXAMPLE_CLIENTS = ['northwind-logistics', 'cedar-dental'] as const;

/** The shipped fixtures by name: a consultant's own clients in plans/ are never copied. */
const FIXTURES = ['defaults.yaml', 'branding', ...EXAMPLE_CLIENTS];

/**
 * Makes `root` a plan project holding exactly the shipped examples: plans/defaults.yaml,
 * plans/branding/ (when present) and the example clients. Templates come from irplan itself, as
 * in a project without its own templates/.
 */
export function copyExamples(root: string): void {
  for (const name of FIXTURES) {
    const from = join(REPO, 'plans', name);
    if (name === 'branding' && !existsSync(from)) continue;
    cpSync(from, join(root, 'plans', name), { recursive: true });
  }
}

/** Copies the test client tests/fixtures/clients/<slug>/ into the project at `root`, next to the examples. */
export function copyFixtureClient(root: string, slug: string): void {
  cpSync(join(REPO, 'tests', 'fixtures', 'clients', slug), join(root, 'plans', slug), { recursive: true });
}
