/** Number formats of the risk views: counts with separators, shares, and probabilities in words. */
export const fmt = (n: number) => n.toLocaleString('en-GB');
export const pct = (n: number, of: number) => `${((100 * n) / Math.max(1, of)).toFixed(2)} %`;

/** A probability as a decimal, and for risks worth saying so, as "about 1 in N". */
export function chance(p: number): string {
  if (!(p > 0)) return '0';
  const text = p >= 0.01 ? p.toFixed(3) : p.toPrecision(2);
  return p >= 0.0001 ? `${text} (about 1 in ${fmt(Math.round(1 / p))})` : text;
}

/** A key value as shown in tables: missing in words. */
export const shown = (v: string | null) => v ?? '(missing)';
