import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateWorkflow } from '@action-validator/core';
import { describe, expect, test, vi } from 'vitest';
import { parse } from 'yaml';
import { REPO } from '../../helpers/bin.ts';

// The workflow `irplan init` writes into a consultant's repository, checked against GitHub's
// workflow schema (SchemaStore's github-workflow.json, built into action-validator) and against
// what a schema cannot see: which jobs a job may read outputs from, and which actions and inputs
// exist. Everything in memory: nothing is written.

const SCAFFOLD = join(REPO, 'scaffold', '.github', 'workflows', 'irplan.yml');
const OWN = join(REPO, '.github', 'workflows', 'plans.yml');

/**
 * The actions the scaffold may use and their inputs, as declared in each action's action.yml at
 * that major tag (actions/checkout v7, setup-node v7, upload-artifact v7, download-artifact v8).
 */
const ACTIONS: Record<string, string[]> = {
  'actions/checkout@v7': [
    'repository',
    'ref',
    'token',
    'ssh-key',
    'ssh-known-hosts',
    'ssh-strict',
    'ssh-user',
    'persist-credentials',
    'path',
    'clean',
    'filter',
    'sparse-checkout',
    'sparse-checkout-cone-mode',
    'fetch-depth',
    'fetch-tags',
    'show-progress',
    'lfs',
    'submodules',
    'set-safe-directory',
    'github-server-url',
  ],
  'actions/setup-node@v7': [
    'node-version',
    'node-version-file',
    'architecture',
    'check-latest',
    'registry-url',
    'scope',
    'token',
    'cache',
    'package-manager-cache',
    'cache-dependency-path',
    'mirror',
    'mirror-token',
  ],
  'actions/upload-artifact@v7': [
    'name',
    'path',
    'if-no-files-found',
    'retention-days',
    'compression-level',
    'overwrite',
    'include-hidden-files',
    'archive',
  ],
  'actions/download-artifact@v8': [
    'name',
    'artifact-ids',
    'path',
    'pattern',
    'merge-multiple',
    'github-token',
    'repository',
    'run-id',
    'skip-decompress',
    'digest-mismatch',
  ],
};

interface Job {
  needs?: string | string[];
  steps?: { uses?: string; with?: Record<string, unknown> }[];
}

/** Problems the schema cannot catch: outputs read from a job not in `needs`, unknown actions or inputs. */
function beyondSchema(source: string): string[] {
  const jobs = (parse(source) as { jobs: Record<string, Job> }).jobs;
  const problems: string[] = [];
  for (const [id, job] of Object.entries(jobs)) {
    const needs = new Set([job.needs ?? []].flat());
    const text = JSON.stringify(job);
    for (const [, other] of text.matchAll(/needs\.([A-Za-z0-9_-]+)\./g)) {
      if (!needs.has(other ?? '')) problems.push(`job ${id} reads needs.${other} but does not need it`);
    }
    for (const step of job.steps ?? []) {
      if (!step.uses) continue;
      const inputs = ACTIONS[step.uses];
      if (!inputs) problems.push(`job ${id} uses ${step.uses}, not a checked action`);
      for (const input of Object.keys(step.with ?? {}))
        if (inputs && !inputs.includes(input)) problems.push(`job ${id}: ${step.uses} has no input ${input}`);
    }
  }
  return problems;
}

/** The workflow with one piece replaced, failing the test if that piece is not there. */
function broken(source: string, from: string, to: string): string {
  expect(source, `the workflow no longer contains ${JSON.stringify(from)}`).toContain(from);
  return source.replace(from, to);
}

describe('the pull-request workflow of irplan init', () => {
  const source = readFileSync(SCAFFOLD, 'utf8');

  test("passes GitHub's workflow schema, and irplan's own workflow too", () => {
    expect(validateWorkflow(source).errors).toEqual([]);
    // The Node API skips checking that `paths:` globs match files, and says so on the console.
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(validateWorkflow(readFileSync(OWN, 'utf8')).errors).toEqual([]);
    warn.mockRestore();
  });

  test('fails the schema when broken', () => {
    const copies = {
      'a misspelt key': broken(source, '    strategy:\n', '    stratgey:\n'),
      'a job without runs-on': broken(
        source,
        '  dist:\n    needs: [prepare, build]\n    runs-on: ubuntu-latest\n',
        '  dist:\n    needs: [prepare, build]\n',
      ),
      'an unknown event': broken(source, '  pull_request:\n', '  pull-request:\n'),
      'a step that is a string': broken(source, '      - run: npm ci\n', '      - npm ci\n'),
      'a timeout that is not a number': broken(source, 'timeout-minutes: 60', 'timeout-minutes: an hour'),
    };
    for (const [what, copy] of Object.entries(copies)) {
      expect(validateWorkflow(copy).errors.length, what).toBeGreaterThan(0);
    }
  });

  test('reads outputs only from jobs it needs, and uses only checked actions and inputs', () => {
    expect(beyondSchema(source)).toEqual([]);
    expect(beyondSchema(broken(source, 'needs: [prepare, build]', 'needs: build'))).toEqual([
      'job dist reads needs.prepare but does not need it',
    ]);
    expect(beyondSchema(broken(source, 'merge-multiple: true', 'merge_multiple: true'))).toEqual([
      'job dist: actions/download-artifact@v8 has no input merge_multiple',
    ]);
    expect(beyondSchema(broken(source, 'actions/checkout@v7', 'actions/checkout@v3'))).toEqual([
      'job prepare uses actions/checkout@v3, not a checked action',
    ]);
  });

  test('builds one job per shard, the count a number at the top, with --shard i/n', () => {
    const workflow = parse(source) as { env: { SHARDS: unknown } };
    expect(Number.isInteger(workflow.env.SHARDS)).toBe(true);
    expect(source).toMatch(/npx --no-install irplan build --shard "\$\{\{ matrix\.shard \}\}\/\$SHARDS"/);
    expect(source).toMatch(/npx --no-install irplan diff "\$BASE_SHA" HEAD --format md >> "\$GITHUB_STEP_SUMMARY"/);
  });
});
