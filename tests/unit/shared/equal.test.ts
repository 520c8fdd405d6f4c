import { expect, test } from 'vitest';
import { same } from '../../../src/shared/equal.ts';

test('same() compares plain data deeply; key order and undefined values do not count, list order does', () => {
  expect(same({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true);
  expect(same({ a: 1, b: undefined }, { a: 1 })).toBe(true);
  expect(same([1, 2], [2, 1])).toBe(false);
  expect(same({ a: '1' }, { a: 1 })).toBe(false);
});
