import { rmSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { irplan, tempDir } from '../helpers/cli.ts';

// The shipped examples are built once, with PDFs, for every test file that only reads outputs.
// Files that need other inputs or options build their own.
declare module 'vitest' {
  export interface ProvidedContext {
    examplesOut: string;
    examplesBuild: { code: number | null; stdout: string; stderr: string };
  }
}

export default function setup(project: TestProject) {
  const out = tempDir('irplan-examples-');
  const result = irplan(['build', '--out', out]);
  project.provide('examplesOut', out);
  project.provide('examplesBuild', result);
  return () => rmSync(out, { recursive: true, force: true });
}
