import { describe, expect, test } from 'vitest';
import { dotted, join2, nearestPosition, posOf } from '../../../src/plan/positions.ts';
import type { PositionMap } from '../../../src/plan/positions.ts';

const at = (line: number, col = 1) => ({ file: 'plan.yaml', line, col });
const fallback = { file: 'fallback.yaml', line: 1, col: 1 };

describe('nearestPosition', () => {
  const positions: PositionMap = new Map([
    ['', at(1)],
    ['contacts', at(3, 11)],
    ['contacts/0', at(4, 5)],
    ['contacts/0/phones/0/number', at(6, 19)],
  ]);

  test('finds a path that was written', () => {
    expect(nearestPosition('contacts/0/phones/0/number', positions, fallback)).toEqual(at(6, 19));
  });

  test('falls back to the nearest written parent', () => {
    expect(nearestPosition('contacts/0/phones/1/number', positions, fallback)).toEqual(at(4, 5));
    expect(nearestPosition('contacts/7', positions, fallback)).toEqual(at(3, 11));
    expect(nearestPosition('client/name', positions, fallback)).toEqual(at(1));
  });

  test('uses the fallback when not even the root was written', () => {
    expect(nearestPosition('client/name', new Map(), fallback)).toBe(fallback);
    expect(nearestPosition('', new Map(), fallback)).toBe(fallback);
  });

  test('asks the preferred map before the positions at each level, not only at the path itself', () => {
    const keys: PositionMap = new Map([['contacts', at(3, 1)]]);
    expect(nearestPosition('contacts', positions, fallback, keys)).toEqual(at(3, 1));
    expect(nearestPosition('contacts/0', positions, fallback, keys)).toEqual(at(4, 5));
    expect(nearestPosition('contacts/9/id', positions, fallback, keys)).toEqual(at(3, 1));
  });
});

describe('posOf', () => {
  const input = {
    data: {},
    positions: new Map([['client/name', at(2, 9)]]),
    keyPositions: new Map([['client/name', at(2, 3)]]),
    fallback,
  };

  test('points at the value, or at the key when asked', () => {
    expect(posOf(input, 'client/name')).toEqual(at(2, 9));
    expect(posOf(input, 'client/name', true)).toEqual(at(2, 3));
    expect(posOf(input, 'plan/version', true)).toBe(fallback);
  });
});

describe('paths', () => {
  test('join2 treats the empty path as the root', () => {
    expect(join2('', 'client')).toBe('client');
    expect(join2('contacts/0', 'id')).toBe('contacts/0/id');
  });

  test('dotted names a place as a reader writes it', () => {
    expect(dotted('')).toBe('the plan');
    expect(dotted('contacts/0/phones/1/number')).toBe('contacts[0].phones[1].number');
  });
});
