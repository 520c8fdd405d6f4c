import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// The build process holds what validation and rendering left behind until V8 decides to collect
// it, and V8 is in no hurry while the heap is far below its limit. Chromium needs that memory while
// it prints, so the build asks for a full collection between stages.
setFlagsFromString('--expose-gc');

/** V8's gc() as --expose-gc defines it: the options choose a collection that also returns memory. */
type Gc = (options?: { type: 'major'; execution: 'sync'; flavor: 'regular' | 'last-resort' }) => void;
const collect = runInNewContext('gc') as Gc | undefined;

/**
 * Runs a full garbage collection that gives the freed memory back to the system. A regular full
 * collection keeps the freed heap pages in V8's pool for reuse, still resident: measured here, the
 * build process stayed at about 340 MB RSS from rendering to the end of printing (a live heap of
 * 40 MB). The "last-resort" flavour collects until nothing more is freed and empties the pool:
 * about 130 MB, for about 0.1 s per call.
 */
export function releaseMemory(): void {
  collect?.({ type: 'major', execution: 'sync', flavor: 'last-resort' });
}
