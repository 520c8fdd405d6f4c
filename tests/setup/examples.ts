import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { irplan } from '../helpers/bin.ts';
import { copyExamples } from '../helpers/examples.ts';

// The shipped examples are built once, with PDFs, for every test file that only reads outputs.
// Files that need other inputs or options build their own.
declare module 'vitest' {
  export interface ProvidedContext {
    examplesOut: string;
    examplesBuild: { code: number | null; stdout: string; stderr: string };
  }
}

/** Builds the examples in a project of their own, so clients a consultant adds to plans/ are not built. */
export default function setup(project: TestProject) {
  const root = mkdtempSync(join(tmpdir(), 'irplan-examples-'));
  copyExamples(root);
  const out = join(root, 'dist');
  const result = irplan(['build', '--out', out], { cwd: root });
  project.provide('examplesOut', out);
  project.provide('examplesBuild', result);
  return () => rmSync(root, { recursive: true, force: true });
}
