import type { Position } from '../shared/index.ts';

/** A JSON-pointer-like path ("contacts/0/phones/0") to where its value was written. */
export type PositionMap = Map<string, Position>;

/** Joins path segments; the root is the empty path. */
export function join2(path: string, key: string): string {
  return path === '' ? key : `${path}/${key}`;
}

/** The path one level up; the root's parent is the root. */
function parentPath(path: string): string {
  return path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
}

/**
 * Where a path was written, else where its nearest written parent was: a missing or defaulted value
 * still points into the right section. `preferred` (key positions) is asked before `positions` at each
 * level; `fallback` when not even the root is known.
 */
export function nearestPosition(
  path: string,
  positions: PositionMap,
  fallback: Position,
  preferred?: PositionMap,
): Position {
  for (let p = path; ; p = parentPath(p)) {
    const hit = preferred?.get(p) ?? positions.get(p);
    if (hit) return hit;
    if (p === '') return fallback;
  }
}

/** Readable name of a value's place: contacts[0].phones[1].number */
export function dotted(path: string): string {
  if (path === '') return 'the plan';
  return path.split('/').reduce((acc, seg) => (/^\d+$/.test(seg) ? `${acc}[${seg}]` : acc ? `${acc}.${seg}` : seg), '');
}

/** Where values are, so errors can point at them. */
export interface Located {
  data: unknown;
  positions: PositionMap;
  keyPositions: PositionMap;
  /** Position used when nothing closer is known (the client's plan.yaml). */
  fallback: Position;
}

/** Where an error about `path` points: its value (its key, when `key`), else its nearest parent. */
export function posOf(input: Located, path: string, key = false): Position {
  return nearestPosition(path, input.positions, input.fallback, key ? input.keyPositions : undefined);
}
