import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// The build process holds what validation and rendering left behind until V8 decides to collect
// it, and V8 is in no hurry while the heap is far below its limit. Chromium needs that memory while
// it prints, so the build asks for a full collection between stages.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as (() => void) | undefined;

/** Runs a full garbage collection, so freed pages go back to the system before the next stage. */
export function releaseMemory(): void {
  collect?.();
}
