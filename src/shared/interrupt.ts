import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';

// Ctrl-C (SIGINT) or a kill (SIGTERM) during a build ends the process without running `finally`
// blocks, which would leave staging folders behind. dist/<slug> itself is only ever replaced by a
// synchronous swap, which a signal handler cannot interrupt, so removing the staging folders is
// all it takes to leave the previous output exactly as it was.

const pending = new Set<string[]>();
const children = new Set<ChildProcess>();

/** A child process (such as the Astro build) to kill if the build is interrupted; returns a function that forgets it. */
export function killOnInterrupt(child: ChildProcess): () => void {
  children.add(child);
  return () => children.delete(child);
}

/** Registers folders (the list may grow later) to remove if the build is interrupted; returns a function that forgets them. */
export function removeOnInterrupt(dirs: string[]): () => void {
  pending.add(dirs);
  return () => pending.delete(dirs);
}

/** Installs the SIGINT/SIGTERM handler for a build; returns a function that removes it. */
export function onInterrupt(): () => void {
  const handler = (signal: NodeJS.Signals) => {
    // The child first: it must not write into folders as they are removed.
    for (const child of children) child.kill('SIGKILL');
    for (const dirs of pending) for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    process.stderr.write(
      `irplan: interrupted (${signal}); temporary files removed, previous outputs left as they were\n`,
    );
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}
