import { join2 } from './positions.ts';
import type { PositionMap } from './positions.ts';
import type { LoadedFile, LoadOptions } from './yaml.ts';

/** One layer of a plan: its data and positions, from one or more files. */
export type Layer = Omit<LoadedFile, 'file'>;

/** Lists the MSP's layer adds to rather than replaces: its contacts, custom rules and authorities. */
const APPENDED = new Set(['contacts', 'jurisdiction/rules', 'jurisdiction/authorities']);

/**
 * Merges the client over the MSP defaults: mappings key by key with the client winning,
 * the MSP's contacts (and custom rules and authorities) appended to the client's, any other list replaced by the client's.
 */
export function mergeLayers(base: Layer, top: Layer, options: LoadOptions = {}): Layer {
  const moves = new Map<string, string>();
  const data = mergeValue(base.data, top.data, '', moves) as Record<string, unknown>;
  if (options.positions === false) return { data, positions: new Map(), keyPositions: new Map() };
  // Every value of the client's layer keeps its path. Of the MSP's layer, only the subtrees that
  // were used are carried over, under their new paths: one pass over its positions, not one per subtree.
  const positions: PositionMap = new Map(top.positions);
  const keyPositions: PositionMap = new Map(top.keyPositions);
  for (const [from, into] of [
    [base.positions, positions],
    [base.keyPositions, keyPositions],
  ] as const) {
    for (const [p, pos] of from) {
      const to = movedPath(p, moves);
      if (to !== undefined && !into.has(to)) into.set(to, pos);
    }
  }
  return { data, positions, keyPositions };
}

/** Merges one value; records in `moves` each subtree of the MSP's layer that was used, and where it went. */
function mergeValue(b: unknown, t: unknown, path: string, moves: Map<string, string>): unknown {
  if (t === undefined) {
    moves.set(path, path);
    return b;
  }
  if (isPlainObject(b) && isPlainObject(t)) {
    const out: Record<string, unknown> = {};
    for (const key of new Set([...Object.keys(b), ...Object.keys(t)]))
      out[key] = mergeValue(b[key], t[key], join2(path, key), moves);
    return out;
  }
  if (APPENDED.has(path) && Array.isArray(b) && Array.isArray(t)) {
    for (let i = 0; i < b.length; i++) moves.set(join2(path, String(i)), join2(path, String(t.length + i)));
    return [...t, ...b];
  }
  return t;
}

/** Where a path of the MSP's layer ended up: under its nearest moved ancestor (or itself), else nowhere. */
function movedPath(p: string, moves: Map<string, string>): string | undefined {
  for (let at = p; ; ) {
    const to = moves.get(at);
    if (to !== undefined) return to + p.slice(at.length);
    if (at === '') return undefined;
    const cut = at.lastIndexOf('/');
    at = cut < 0 ? '' : at.slice(0, cut);
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
