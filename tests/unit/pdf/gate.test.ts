import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Numbering } from '../../../src/pdf/contents.ts';
import { BinderGate, lightBinder } from '../../../src/pdf/gate.ts';
import type { PrintJob } from '../../../src/pdf/job.ts';
import { tempDir } from '../../helpers/cli.ts';

/** Runs binders through a gate; each records when it starts and waits for `release(name)` to end. */
function harness() {
  const gate = new BinderGate();
  const log: string[] = [];
  const finish = new Map<string, () => void>();
  const run = async (name: string, light: boolean) => {
    await gate.enter(light);
    log.push(name);
    await new Promise<void>((resolve) => finish.set(name, resolve));
    gate.leave(light);
  };
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  const release = async (name: string) => {
    finish.get(name)?.();
    await settle();
  };
  return { run, release, log, settle };
}

describe('the binders take turns', () => {
  test('light binders two at a time, in the order they came', async () => {
    const h = harness();
    const all = ['a', 'b', 'c', 'd'].map((n) => h.run(n, true));
    await h.settle();
    expect(h.log).toEqual(['a', 'b']);
    await h.release('b');
    expect(h.log).toEqual(['a', 'b', 'c']);
    await h.release('a');
    await h.release('c');
    await h.release('d');
    await Promise.all(all);
    expect(h.log).toEqual(['a', 'b', 'c', 'd']);
  });

  test('a heavy binder waits for the light ones before it and goes alone', async () => {
    const h = harness();
    const all = [h.run('light1', true), h.run('heavy', false), h.run('light2', true)];
    await h.settle();
    expect(h.log).toEqual(['light1']);
    await h.release('light1');
    expect(h.log).toEqual(['light1', 'heavy']);
    await h.release('heavy');
    expect(h.log).toEqual(['light1', 'heavy', 'light2']);
    await h.release('light2');
    await Promise.all(all);
  });

  test('two heavy binders never overlap', async () => {
    const h = harness();
    const all = [h.run('h1', false), h.run('h2', false)];
    await h.settle();
    expect(h.log).toEqual(['h1']);
    await h.release('h1');
    expect(h.log).toEqual(['h1', 'h2']);
    await h.release('h2');
    await Promise.all(all);
  });
});

describe('which binders are light', () => {
  const dir = tempDir('irplan-gate-');
  const job = (numbering?: Partial<Numbering>, previous: string | null = dir): PrintJob => ({
    url: 'http://127.0.0.1/print/print/binder/',
    out: join(dir, 'b.pdf'),
    paper: 'letter',
    title: 't',
    author: 'a',
    subject: 's',
    epochSeconds: 0,
    binder: true,
    ...(numbering && { numbering: { outline: [], pageCount: 1, ...numbering } }),
    parts:
      previous === null ? { next: join(dir, 'next'), basis: 'b1' } : { next: join(dir, 'next'), previous, basis: 'b1' },
  });

  test('one printed again in parts of the same basis, its previous parts at hand', () => {
    expect(lightBinder(job({ partsBasis: 'b1' }))).toBe(true);
  });

  test('not one printed from nothing, with other files or code, or without the previous parts', () => {
    expect(lightBinder(job(undefined))).toBe(false);
    expect(lightBinder(job({}))).toBe(false);
    expect(lightBinder(job({ partsBasis: 'b0' }))).toBe(false);
    expect(lightBinder(job({ partsBasis: 'b1' }, join(dir, 'missing')))).toBe(false);
    expect(lightBinder(job({ partsBasis: 'b1' }, null))).toBe(false);
  });
});

describe('a light binder that must print much of itself', () => {
  test('goes alone: first in line, once the binder beside it is done', async () => {
    const gate = new BinderGate();
    const log: string[] = [];
    await gate.enter(true);
    await gate.enter(true);
    log.push('a', 'b');
    const c = gate.enter(true).then(() => log.push('c'));
    const aAlone = gate.alone().then(() => log.push('a alone'));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(log).toEqual(['a', 'b']);
    gate.leave(true);
    await aAlone;
    expect(log).toEqual(['a', 'b', 'a alone']);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(log).toEqual(['a', 'b', 'a alone']);
    gate.leave(false);
    await c;
    expect(log).toEqual(['a', 'b', 'a alone', 'c']);
  });
});
