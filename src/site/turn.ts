// Astro writes generated files (content.d.ts, types.d.ts, content-assets.mjs) into the .astro/
// folder of its root, irplan's own folder, on every build. Two builds at once with one irplan
// install (`irplan dev` beside `irplan build`, or two terminals) rewrote them under each other's
// feet, and one failed with UnknownFilesystemError. So Astro runs take turns: a lock file in
// irplan's work folder holds the pid of the run whose turn it is. The site worker imports nothing
// of irplan's (it must start fast), so this module uses node: only.
import { linkSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** The lock of one irplan install (its own folder, `toolRoot`), which Astro's .astro/ belongs to. */
export const astroTurnPath = (toolRoot: string) => join(toolRoot, 'node_modules', '.irplan-work', 'astro.lock');

/**
 * A turn older than this is over whatever its pid says: a pid can be reused by an unrelated
 * process once its holder is gone. A 12-client batch's Astro run takes well under a minute.
 */
export const TURN_STALE_MS = 15 * 60_000;

/**
 * Waits for this process's turn at `lockPath` and returns the function that ends it. `waiting`
 * is called once if another run holds the turn, with its pid.
 */
export async function takeTurn(
  lockPath: string,
  opts: { pollMs?: number; waiting?: (pid: number) => void } = {},
): Promise<() => void> {
  mkdirSync(dirname(lockPath), { recursive: true });
  let told = false;
  for (;;) {
    if (tryCreate(lockPath)) return () => endTurn(lockPath);
    const h = holder(lockPath);
    if (h?.pid && !told) {
      opts.waiting?.(h.pid);
      told = true;
    }
    if (h && isStale(h)) clearStale(lockPath, h);
    else await sleep(opts.pollMs ?? 200);
  }
}

interface Holder {
  pid: number;
  mtimeMs: number;
}

function tryCreate(path: string): boolean {
  try {
    writeFileSync(path, `${process.pid}\n`, { flag: 'wx' });
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
}

/** Who holds the turn (pid 0: no pid written yet); undefined when the lock is gone. */
function holder(path: string): Holder | undefined {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8'), 10);
    const { mtimeMs } = statSync(path);
    return { pid: Number.isInteger(pid) && pid > 0 ? pid : 0, mtimeMs };
  } catch {
    return undefined;
  }
}

/** A lock still without a pid after this long was left by a process that died as it made it. */
const UNWRITTEN_STALE_MS = 10_000;

function isStale(h: Holder): boolean {
  const age = Date.now() - h.mtimeMs;
  if (h.pid === 0) return age > UNWRITTEN_STALE_MS;
  return !isAlive(h.pid) || age > TURN_STALE_MS;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes a stale lock. Another waiter may have removed it and taken a new turn since it was read,
 * so the lock is first moved aside and removed only if it is still the stale one; a live one is
 * put back (link fails rather than replace a lock taken meanwhile).
 */
function clearStale(path: string, stale: Holder): void {
  const aside = `${path}.stale-${process.pid}`;
  try {
    renameSync(path, aside);
  } catch {
    return; // gone already
  }
  const moved = holder(aside);
  try {
    if (moved && (moved.pid !== stale.pid || moved.mtimeMs !== stale.mtimeMs)) linkSync(aside, path);
  } catch {
    // a new turn was taken meanwhile: the one moved aside has ended for its holder too
  } finally {
    rmSync(aside, { force: true });
  }
}

/** Ends this process's turn; a lock that is not its own (cleared as stale, taken by another) is left alone. */
function endTurn(path: string): void {
  if (holder(path)?.pid === process.pid) rmSync(path, { force: true });
}
