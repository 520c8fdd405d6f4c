import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { removeOnInterrupt } from '../shared/index.ts';

// A print browser leaves folders in the system's temporary folder when it is killed (because it
// hung or crashed): its profile, when its last helper processes still write into it as Puppeteer
// removes it, and Chromium's single-instance socket folder (org.chromium.Chromium.XXXXXX), which it
// removes only when it shuts down cleanly. So each browser gets a profile inside a folder of
// irplan's, and when the browser process ends, however it ends, that folder goes, with the socket
// folder its profile links to. Chromium's own temporary folder is left where it is: a Unix socket
// path is limited to about 100 bytes, and a deeper TMPDIR would keep Chromium from starting.

/** A folder for one browser's profile, and its removal. */
export interface BrowserScratch {
  /** The browser's profile (user data) folder. */
  profile: string;
  /** Removes the folder when this browser process has ended (at once if it already has). */
  removeAfter(child: ChildProcess | null): void;
  remove(): void;
}

/** Chromium's socket folders, as named on Linux and macOS: nothing else is ever removed by following a link. */
const SOCKET_FOLDER = /^\.?(org\.chromium|com\.google)\.[\w.-]+$/;

/** Makes the folder; it is removed on Ctrl-C too, and when irplan exits before the browser is gone. */
export function browserScratch(): BrowserScratch {
  const dir = mkdtempSync(join(tmpdir(), 'irplan-browser-'));
  const profile = join(dir, 'profile');
  const forget = removeOnInterrupt([dir]);
  // Also when irplan exits while this browser is still starting (before removeAfter is called).
  const atExit = () => remove();
  process.once('exit', atExit);
  const remove = () => {
    process.off('exit', atExit);
    try {
      removeSocketFolder(profile);
      // A few retries: the last files may still be closing as the processes go.
      rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    } catch {
      // A folder that cannot be removed is left for the system to clear: printing goes on.
    }
    forget();
  };
  return {
    profile,
    removeAfter(child) {
      const done = () => {
        process.off('exit', done);
        endHelpers(child?.pid);
        remove();
      };
      if (!child || child.exitCode !== null || child.signalCode !== null) return done();
      child.once('exit', done);
      // irplan may end while the browser is still closing: then the browser goes first.
      process.once('exit', done);
    },
    remove,
  };
}

/**
 * The browser's helper processes (renderers, zygotes) outlive it for a moment and keep writing into
 * its profile, which then cannot be removed. They share its process group (Puppeteer starts the
 * browser as a group leader on Linux and macOS), so they are ended with it.
 */
function endHelpers(pid: number | undefined): void {
  if (!pid || process.platform === 'win32') return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // None left: the group is gone with its last process.
  }
}

/** The socket folder the profile's SingletonSocket link points into, when the browser did not remove it. */
function removeSocketFolder(profile: string): void {
  let target: string;
  try {
    target = readlinkSync(join(profile, 'SingletonSocket'));
  } catch {
    return; // no link: the browser shut down cleanly, or never started
  }
  const folder = dirname(target);
  if (SOCKET_FOLDER.test(basename(folder))) rmSync(folder, { recursive: true, force: true });
}
