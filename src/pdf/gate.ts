// When a binder may print: binders hold the most memory of any print, so they take turns.
import { existsSync } from 'node:fs';
import type { PrintJob } from './job.ts';

/**
 * The binders' turns, first come first served: a heavy binder alone, light ones two at a time
 * (two pages in the pool, two cores). The binder whose turn it is takes the next free page before
 * the small documents (pool.ts), or binders would wait behind every small document and be printed
 * last, one after another, while the other page had nothing left to do.
 */
export class BinderGate {
  private running = 0;
  private heavy = false;
  private readonly waiting: { light: boolean; go: () => void }[] = [];

  async enter(light: boolean): Promise<void> {
    if (this.waiting.length === 0 && this.open(light)) return this.take(light);
    await new Promise<void>((go) => this.waiting.push({ light, go }));
  }

  leave(light: boolean): void {
    this.running--;
    if (!light) this.heavy = false;
    this.wake();
  }

  /**
   * A light binder that finds it must print much of itself becomes heavy: it waits, first in
   * line, for the binder beside it to finish. Then leave(false).
   */
  async alone(): Promise<void> {
    this.running--;
    const turn = new Promise<void>((go) => this.waiting.unshift({ light: false, go }));
    this.wake();
    await turn;
  }

  private wake(): void {
    for (let next = this.waiting[0]; next && this.open(next.light); next = this.waiting[0]) {
      this.waiting.shift();
      this.take(next.light);
      next.go();
    }
  }

  private open(light: boolean): boolean {
    return light ? !this.heavy && this.running < 2 : this.running === 0;
  }

  private take(light: boolean): void {
    this.running++;
    if (!light) this.heavy = true;
  }
}

/**
 * A binder printed again in parts, its page numbers predicted from a binder printed in parts of
 * the same basis (files, print code, browser, paper), the previous build's parts at hand: an edit
 * finds all its parts but the edited ones in the store, so its renderer lays the binder out once
 * and prints a part or two, on one core. Two such binders at once use both cores. A binder
 * printed from nothing (a first build, --force, a new style sheet or browser) prints every part
 * and holds the most memory: it goes alone, as does a light one that finds, once loaded, that
 * much of it must be printed again (parts.ts, an edit that moved every page after it).
 */
export function lightBinder(job: PrintJob): boolean {
  const { numbering, parts } = job;
  return parts?.previous !== undefined && numbering?.partsBasis === parts.basis && existsSync(parts.previous);
}
