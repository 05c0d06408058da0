/**
 * Reads a target text the way the server does (server/indicators/target.ts), to prefill the kind
 * and value of a new indicator: 1500 (EXACT), 13左右 (APPROX), 达到68以上 (AT_LEAST),
 * 控制在50以内 (AT_MOST), 与GDP同步 (RELATIVE), 市下达目标 (ASSIGNED). Null when it cannot tell.
 */
const NUM = '(\\d+(?:\\.\\d+)?)';
const RULES: [RegExp, string][] = [
  [new RegExp(`^${NUM}$`), 'EXACT'],
  [new RegExp(`^${NUM}(?:左右|上下)$`), 'APPROX'],
  [new RegExp(`^(?:达到|不低于|至少|≥|>=)?${NUM}(?:以上|及以上)?$`), 'AT_LEAST'],
  [new RegExp(`^(?:控制在|不超过|不高于|≤|<=)?${NUM}(?:以内|以下|及以下)?$`), 'AT_MOST'],
];

export function parseTarget(text: string): { kind: string; value: number | null } | null {
  const t = text.normalize('NFKC').replace(/\s+/g, '').replace(/\*$/, '');
  if (!t) return null;
  for (const [re, kind] of RULES) {
    const m = re.exec(t);
    if (m && (kind === 'EXACT' || kind === 'APPROX' || t !== m[1])) return { kind, value: Number(m[1]) };
  }
  if (/同步$/.test(t)) return { kind: 'RELATIVE', value: null };
  if (/下达/.test(t)) return { kind: 'ASSIGNED', value: null };
  return null;
}
