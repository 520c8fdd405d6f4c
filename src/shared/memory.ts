import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// The build process holds what validation and rendering left behind until V8 decides to collect
// it, and V8 is in no hurry while the heap is far below its limit. Chromium needs that memory while
// it prints, so the build asks for a full collection between stages.

/** V8's gc() as --expose-gc defines it: the options choose a collection that also returns memory. */
type Gc = (options?: { type: 'major'; execution: 'sync'; flavor: 'regular' | 'last-resort' }) => void;

let collect: Gc | undefined;

/** Makes V8's gc() available to releaseMemory; the CLI's entry calls it once, before any stage runs. */
export function exposeGc(): void {
  setFlagsFromString('--expose-gc');
  collect = runInNewContext('gc') as Gc | undefined;
}

/**
 * Runs a full garbage collection that gives the freed memory back to the system (a no-op until
 * exposeGc ran). The "last-resort" flavour is used because a regular one keeps the freed heap
 * pages in V8's pool, still resident, while Chromium prints.
 */
export function releaseMemory(): void {
  collect?.({ type: 'major', execution: 'sync', flavor: 'last-resort' });
}
