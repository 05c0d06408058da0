/** Dice coefficient over character bigrams (unigrams for one-character names); 0..1. */
export function similarity(a: string, b: string): number {
  const grams = (s: string) => {
    if (s.length < 2) return [s];
    const out: string[] = [];
    for (let i = 0; i < s.length - 1; i++) out.push(s.slice(i, i + 2));
    return out;
  };
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
  const containment = a && b && (a.includes(b) || b.includes(a)) ? 0.5 : 0;
  return Math.max((2 * shared) / (ga.length + gb.length || 1), containment);
}
