/** Character bigrams (the one character of a one-character name). */
function grams(s: string): string[] {
  if (s.length < 2) return [s];
  const out: string[] = [];
  for (let i = 0; i < s.length - 1; i++) out.push(s.slice(i, i + 2));
  return out;
}

/** Dice coefficient over character bigrams; 0..1. */
function dice(a: string, b: string): number {
  const ga = grams(a);
  const gb = grams(b);
  const pool = new Map<string, number>();
  for (const g of gb) pool.set(g, (pool.get(g) ?? 0) + 1);
  let shared = 0;
  for (const g of ga) {
    const n = pool.get(g) ?? 0;
    if (n > 0) {
      shared++;
      pool.set(g, n - 1);
    }
  }
  return (2 * shared) / (ga.length + gb.length || 1);
}

/** Every character of `short` appears in `long`, in order: 住建局 in 住房和城乡建设局. */
function isSubsequence(short: string, long: string): boolean {
  let i = 0;
  for (const c of long) if (c === short[i]) i++;
  return i === short.length;
}

/**
 * How much two names look alike, 0..1: the Dice coefficient over character bigrams (区住建委 ~
 * 区住建局), at least 0.5 when one contains the other, and at least 0.4 when the shorter is an
 * abbreviation of the longer the way Chinese names are shortened, by keeping some of its
 * characters in order (住建局 ← 住房和城乡建设局, 社发局 ← 社会发展局); the closer their lengths,
 * the higher.
 */
export function similarity(a: string, b: string): number {
  if (!a || !b) return 0;
  const containment = a.includes(b) || b.includes(a) ? 0.5 : 0;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  const abbreviation = short.length >= 3 && isSubsequence(short, long) ? 0.4 + 0.2 * (short.length / long.length) : 0;
  return Math.max(dice(a, b), containment, abbreviation);
}
