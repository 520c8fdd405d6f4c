import { cpSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

// Every output irplan writes appears whole or not at all: it is written beside its final name and
// renamed, which is atomic on one file system, so a reader (or an interrupted build) never sees half.

/** Writes a file through a temporary sibling and a rename; the temporary file never outlives a failure. */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/** Copies a folder to `dest` through a temporary sibling and a rename; false when another writer got there first. */
export function copyDirAtomic(source: string, dest: string): boolean {
  const tmp = `${dest}.tmp-${process.pid}`;
  try {
    mkdirSync(dirname(dest), { recursive: true });
    cpSync(source, tmp, { recursive: true });
    renameSync(tmp, dest);
    return true;
  } catch {
    return false;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
