/**
 * The period of a ledger entry, written once for the input rule, the service and the import: a year
 * (`2019`), a quarter (`2019-Q2`) or a month (`2019-06`) of the plan's years. Plain data, no
 * decorators, so the client can bundle it as it is.
 *
 * Typing slips are folded before the check (full-width digits and dashes, `2019-q2`, `2019-6`,
 * `2019.06`, `2019/6`, `2019年6月`, `2019年第2季度`); the stored form is the canonical one.
 * The base year 2015 is not a ledger period: the base is the indicator's own baseValue (entered by
 * the office), and a second, ledger-filed 2015 value could disagree with it.
 */
export const LEDGER_YEARS = { first: 2016, last: 2020 } as const;

export type PeriodKindName = 'YEAR' | 'QUARTER' | 'MONTH';

export interface ParsedPeriod {
  /** Canonical: 2019, 2019-Q2, 2019-06. */
  period: string;
  kind: PeriodKindName;
  year: number;
  /** 1–4 for a quarter, 1–12 for a month, null for a year. */
  part: number | null;
}

export const PERIOD_HINT = `a year (${LEDGER_YEARS.last - 1}), a quarter (${LEDGER_YEARS.last - 1}-Q2) or a month (${LEDGER_YEARS.last - 1}-06) of ${LEDGER_YEARS.first}–${LEDGER_YEARS.last}`;

/** The period, or a message saying what is wrong with it. */
export function parsePeriod(raw: string): ParsedPeriod | { error: string } {
  const text = raw
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[‐‑‒–—―－]/g, '-')
    .toUpperCase();
  const m =
    /^(\d{4})年?$/.exec(text) ??
    /^(\d{4})(?:-|年|\.|\/)?(?:第)?Q?([1-4])(?:季度|季|Q)$/.exec(text) ??
    /^(\d{4})-?(Q)([1-4])$/.exec(text) ??
    /^(\d{4})(?:-|\.|\/|年)(\d{1,2})(?:月)?$/.exec(text);
  if (!m) return { error: `"${raw}" is not a period: give ${PERIOD_HINT}` };
  const year = Number(m[1]);
  if (year < LEDGER_YEARS.first || year > LEDGER_YEARS.last) {
    const base = year === LEDGER_YEARS.first - 1 ? ` (the base year's value is the indicator's baseValue, entered by the evaluation office)` : '';
    return { error: `${year} is outside the plan's years ${LEDGER_YEARS.first}–${LEDGER_YEARS.last}${base}` };
  }
  if (m.length === 2 || m[2] === undefined) return { period: String(year), kind: 'YEAR', year, part: null };
  const quarterText = /Q|季/.test(text);
  if (quarterText) {
    const q = Number(m[2] === 'Q' ? m[3] : m[2]);
    return { period: `${year}-Q${q}`, kind: 'QUARTER', year, part: q };
  }
  const month = Number(m[2]);
  if (month < 1 || month > 12) return { error: `"${raw}": month ${month} does not exist; give ${PERIOD_HINT}` };
  return { period: `${year}-${String(month).padStart(2, '0')}`, kind: 'MONTH', year, part: month };
}

export const isPeriodError = (p: ParsedPeriod | { error: string }): p is { error: string } => 'error' in p;
