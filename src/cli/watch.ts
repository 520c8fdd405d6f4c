import { existsSync, readdirSync, statSync, watch } from 'node:fs';
import type { FSWatcher } from 'node:fs';
import { basename, dirname, join } from 'node:path';

// What `irplan dev` watches. Node's recursive fs.watch on Linux follows files one by one: once an
// editor saves a file by replacing it (write a copy, rename it over the old one), later in-place
// writes to that file go unseen, and the preview would stop updating. A watcher on a folder sees
// every change of the entries in it however they are written, so each folder is watched on its
// own, and folders that appear later are added as they come.

/** The running watch; close it to stop. */
export interface Watch {
  close(): void;
}

/**
 * Calls `onChange` when anything under the given folders or one of the given files changes.
 * `onGone` is called when one of them can no longer be watched (deleted, renamed, unmounted).
 */
export function watchPaths(paths: string[], onChange: () => void, onGone: (path: string, e: Error) => void): Watch {
  const watchers = new Map<string, FSWatcher>();
  const roots = paths.filter((p) => existsSync(p));
  const add = (dir: string, only?: string) => {
    if (watchers.has(dir)) return;
    const w = watch(dir, (_event, name) => {
      if (only !== undefined && name !== only) return;
      if (only === undefined) {
        prune();
        addTree(dir);
      }
      onChange();
    });
    w.on('error', (e) => {
      w.close();
      watchers.delete(dir);
      if (roots.includes(dir)) onGone(dir, e);
      else onChange();
    });
    watchers.set(dir, w);
  };
  // A folder that was removed may come back: its old watcher sees nothing of the new one.
  const prune = () => {
    for (const [dir, w] of watchers) {
      if (existsSync(dir)) continue;
      w.close();
      watchers.delete(dir);
      if (roots.includes(dir)) onGone(dir, new Error('it was removed'));
    }
  };
  const addTree = (dir: string) => {
    for (const sub of folders(dir)) add(sub);
  };
  for (const path of roots) {
    if (statSync(path).isDirectory()) addTree(path);
    else add(dirname(path), basename(path));
  }
  return {
    close: () => {
      for (const w of watchers.values()) w.close();
      watchers.clear();
    },
  };
}

/** A folder and every folder below it; none when it has gone. */
function folders(dir: string): string[] {
  try {
    const subs = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isDirectory());
    return [dir, ...subs.map((d) => join(d.parentPath, d.name))];
  } catch {
    return [];
  }
}
