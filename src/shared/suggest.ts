/** Edit distance, for "did you mean" hints. */
function distance(a: string, b: string): number {
  // One row of the table, kept as a plain array of numbers: index reads are never undefined here.
  const row: number[] = Array.from({ length: b.length + 1 }, (_, i) => i);
  const at = (j: number) => row[j] ?? 0;
  for (let i = 1; i <= a.length; i++) {
    let prev = at(0);
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = at(j);
      row[j] = Math.min(at(j) + 1, at(j - 1) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return at(b.length);
}

/** The closest candidate within a small distance, if any. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  const lower = word.toLowerCase().normalize('NFKC');
  for (const c of candidates) {
    const d = distance(lower, c.toLowerCase());
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}
