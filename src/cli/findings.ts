import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { FINDING_HINTS } from '../check/index.ts';
import type { Finding } from '../check/index.ts';
import { loadClient, loadYamlFile, nearestPosition } from '../plan/index.ts';
import type { FileWarning, ValidClient } from '../plan/index.ts';
import { oneLine } from '../shared/index.ts';
import type { Position, Project } from '../shared/index.ts';
import { out } from './output.ts';

type Locate = (path: string) => Position | undefined;

/** Positions of the client's values (defaults included), so each finding points where to fix it. */
function positionsOf(project: Project, client: ValidClient): Locate {
  const file = join(project.plansDir, 'defaults.yaml');
  const loaded = loadClient(project.plansDir, client.slug, existsSync(file) ? loadYamlFile(file) : undefined);
  const map = loaded.source?.positions ?? new Map<string, Position>();
  return (path) => nearestPosition(path, map, { file: client.files[0] ?? client.dir, line: 1, col: 1 });
}

/**
 * Prints findings as "<file>:<line>:<col> warning <CODE> <client>: <what>" with a hint line. The
 * client is read again with positions only when there is something to point at.
 */
export function printFindings(project: Project, client: ValidClient, findings: Finding[]): void {
  if (findings.length === 0) return;
  const locate = positionsOf(project, client);
  for (const f of findings) {
    const pos = locate(f.path);
    const where = pos ? `${relative(process.cwd(), pos.file)}:${pos.line}:${pos.col} ` : '';
    out(`${where}warning ${f.code} ${oneLine(`${f.client}: ${f.message}`)}`);
    const hint = FINDING_HINTS[f.code];
    if (hint) out(`  hint: ${hint}`);
  }
}

/** Prints warnings that carry their own position ("<file>:<line>:<col> warning <CODE> <what>", then a hint). */
export function printFileWarnings(warnings: FileWarning[], write: (line: string) => void = out): void {
  for (const w of warnings) {
    const { file, line, col } = w.position;
    write(`${relative(process.cwd(), file)}:${line}:${col} warning ${w.code} ${oneLine(w.message)}`);
    write(`  hint: ${w.hint}`);
  }
}
