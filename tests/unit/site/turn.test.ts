import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { takeTurn, TURN_STALE_MS } from '../../../src/site/turn.ts';
import { tempDir } from '../../helpers/cli.ts';

// Builds with one irplan install take turns at Astro, which writes its files into .astro/ of the
// tool's own folder (src/site/turn.ts).
const lockIn = () => join(tempDir('irplan-turn-'), 'work', 'astro.lock');
const holderOf = (lock: string) => readFileSync(lock, 'utf8').trim();
const settled = async (p: Promise<unknown>, ms: number) =>
  Promise.race([p.then(() => true), new Promise((r) => setTimeout(() => r(false), ms))]);

describe('Astro runs take turns', () => {
  test('a second run waits until the first ends its turn, and is told who it waits for', async () => {
    const lock = lockIn();
    const endFirst = await takeTurn(lock);
    expect(holderOf(lock)).toBe(String(process.pid));
    const waitedFor: number[] = [];
    const second = takeTurn(lock, { pollMs: 10, waiting: (pid) => waitedFor.push(pid) });
    expect(await settled(second, 150)).toBe(false);
    expect(waitedFor).toEqual([process.pid]);
    endFirst();
    const endSecond = await second;
    expect(existsSync(lock)).toBe(true);
    endSecond();
    expect(existsSync(lock)).toBe(false);
  });

  test('a turn left by a process that is gone (killed mid-build) is taken over at once', async () => {
    const lock = lockIn();
    (await takeTurn(lock))();
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    writeFileSync(lock, `${gone}\n`);
    const taken = takeTurn(lock, { pollMs: 10 });
    expect(await settled(taken, 2000)).toBe(true);
    expect(holderOf(lock)).toBe(String(process.pid));
    (await taken)();
  });

  test("a live run's turn is waited for until its process ends, even if it never ends the turn itself", async () => {
    const lock = lockIn();
    (await takeTurn(lock))();
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 600)']);
    const exited = new Promise<number>((r) => child.on('exit', () => r(performance.now())));
    writeFileSync(lock, `${child.pid}\n`);
    const waitedFor: number[] = [];
    const end = await takeTurn(lock, { pollMs: 10, waiting: (pid) => waitedFor.push(pid) });
    const tookAt = performance.now();
    expect(waitedFor).toEqual([child.pid]);
    expect(tookAt).toBeGreaterThanOrEqual(await exited);
    end();
  });

  test('a turn held longer than any Astro run takes is over, even if its pid is alive (a reused pid)', async () => {
    const lock = lockIn();
    (await takeTurn(lock))();
    writeFileSync(lock, `${process.ppid}\n`);
    const old = (Date.now() - TURN_STALE_MS - 60_000) / 1000;
    utimesSync(lock, old, old);
    const taken = takeTurn(lock, { pollMs: 10 });
    expect(await settled(taken, 2000)).toBe(true);
    (await taken)();
  });

  test('a lock left empty (its maker died between making and writing it) is cleared once it is old, not before', async () => {
    const lock = lockIn();
    (await takeTurn(lock))();
    writeFileSync(lock, '');
    const fresh = takeTurn(lock, { pollMs: 10 });
    expect(await settled(fresh, 300)).toBe(false); // its maker may be writing it now
    const old = (Date.now() - 60_000) / 1000;
    utimesSync(lock, old, old);
    expect(await settled(fresh, 2000)).toBe(true);
    (await fresh)();
  });

  test("ending a turn leaves a lock that is not this process's alone", async () => {
    const lock = lockIn();
    const end = await takeTurn(lock);
    writeFileSync(lock, `${process.ppid}\n`); // cleared as stale and taken by another meanwhile
    end();
    expect(holderOf(lock)).toBe(String(process.ppid));
  });
});
