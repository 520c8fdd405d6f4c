import { entryHash, GENESIS } from './canonical.ts';

/** Where a chain breaks: the index of the first bad entry and why, in words for an error message. */
export interface ChainBreak {
  index: number;
  reason: string;
}

/**
 * Checks one device's entries in their recorded order: each hash must match the entry's content,
 * each `prev` the hash before it, and `seq` must count 1, 2, 3... Null when the chain holds.
 */
export function verifyChain(entries: Record<string, unknown>[]): ChainBreak | null {
  let prev = GENESIS;
  for (const [index, entry] of entries.entries()) {
    if (entry.seq !== index + 1)
      return {
        index,
        reason: `its seq is ${String(entry.seq)} where ${index + 1} was expected: an entry is missing, added or moved`,
      };
    if (entry.prev !== prev)
      return {
        index,
        reason: 'it does not follow the entry before it (prev differs): an entry was removed, added or moved',
      };
    if (entryHash(entry) !== entry.hash)
      return { index, reason: 'its hash does not match its content: it was changed after it was recorded' };
    prev = String(entry.hash);
  }
  return null;
}
