// Copies the objects a front page needs from the front print into the full print, renumbered.
import { createHash } from 'node:crypto';
import type { ClassicPdf } from './classicpdf.ts';
import { pageObject } from './pageobject.ts';
import { REF, refsIn, Unexpected } from './pdfsyntax.ts';

/**
 * Copies objects of the front print into the full one: the closure of what a page's content and
 * resources reference (fonts, descriptors, font files, ToUnicode maps, images, graphics states),
 * under new numbers after the full print's last one. An object that is byte for byte one the old
 * front pages already used (an image, a graphics state) is not copied again.
 */
export class Copier {
  readonly appended: string[] = [];
  private readonly numbers = new Map<number, number>();
  private readonly visiting = new Set<number>();
  private readonly existing = new Map<string, number>();
  private readonly seen = new Set<number>();
  private readonly full: ClassicPdf;
  private readonly front: ClassicPdf;
  private next: number;

  constructor(full: ClassicPdf, front: ClassicPdf, oldPages: number[]) {
    this.full = full;
    this.front = front;
    this.next = full.size;
    for (const num of oldPages) {
      const { resources } = pageObject(full, num);
      for (const ref of refsIn(resources.text)) this.remember(ref);
    }
  }

  /** Indexes what the old front pages' resources reach, to reuse identical objects. */
  private remember(num: number): void {
    if (this.seen.has(num)) return;
    this.seen.add(num);
    const span = this.full.span(num);
    this.existing.set(this.full.text.slice(span.valueStart, span.end), num);
    for (const ref of refsIn(this.full.text.slice(span.valueStart, span.valueEnd))) this.remember(ref);
  }

  /** A value of the front print (a resources dictionary) with its references copied over. */
  value(v: { text: string }): string {
    for (const ref of refsIn(v.text)) this.copy(ref);
    return this.renumber(v.text);
  }

  /** The front print's stream `num`, written as object `as` of the full print. */
  streamAs(as: number, num: number): string {
    const span = this.front.span(num);
    return `${as} 0 obj\n${this.value({ text: this.front.text.slice(span.valueStart, span.valueEnd) })}${this.front.text.slice(span.valueEnd, span.end)}`;
  }

  /** Copies one object after its references (depth first, so numbering is deterministic). */
  private copy(num: number): number {
    const done = this.numbers.get(num);
    if (done !== undefined) return done;
    if (this.visiting.has(num)) throw new Unexpected(`reference cycle through object ${num}`);
    this.visiting.add(num);
    const span = this.front.span(num);
    const value = this.front.text.slice(span.valueStart, span.valueEnd);
    // Resources never point back into the page tree or the structure tree; if one did, copying it
    // would drag in the front print's own tree.
    if (/\/(Parent|StructParents?)\b/.test(value)) throw new Unexpected(`object ${num} points into a tree`);
    const body = renameSubsets(this.value({ text: value })) + this.front.text.slice(span.valueEnd, span.end);
    let as = this.existing.get(body);
    if (as === undefined) {
      as = this.next++;
      this.appended.push(`${as} 0 obj\n${body}`);
    }
    this.numbers.set(num, as);
    this.visiting.delete(num);
    return as;
  }

  private renumber(text: string): string {
    return text.replace(REF, (_m, num: string) => `${this.numbers.get(Number(num)) ?? num} 0 R`);
  }
}

/**
 * Chromium tags subset fonts AAAAAA+, BAAAAA+, ... in each PDF, so the front print's subsets carry
 * the same names as different subsets in the full print. Viewers may treat fonts with one name as
 * one font, so copied fonts get their own tag, derived from the old name (deterministic output).
 */
function renameSubsets(text: string): string {
  return text.replace(
    /\/(BaseFont|FontName)\s*\/([A-Z]{6})\+([^\s/<>[\]()]+)/g,
    (_m, key: string, tag: string, name: string) => {
      const digest = createHash('sha256').update(`front:${tag}+${name}`).digest();
      const newTag = [...digest.subarray(0, 6)].map((b) => String.fromCharCode(65 + (b % 26))).join('');
      return `/${key} /${newTag}+${name}`;
    },
  );
}
