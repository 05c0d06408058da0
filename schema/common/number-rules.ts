/**
 * The numeric rules of the plan tables, written once for the server (class-validator decorators in
 * validators.ts), the grid's editors, its paste and the add-row form (client/src/tables/rules.ts).
 * Plain data, no decorators: the client bundles this file as it is.
 */
export interface NumberRule {
  integer: boolean;
  min: number;
  max: number;
  /** The server's words when the value breaks the rule (English, coded BAD_USER_INPUT). */
  message(field: string): string;
}

export const SEQ_RULE: NumberRule = { integer: true, min: 1, max: 100000, message: () => 'seq must be a positive integer' };
export const YEAR_RULE: NumberRule = { integer: true, min: 1949, max: 2200, message: (f) => `${f} must be a year between 1949 and 2200` };
/** An annual growth rate in percent: a quantity cannot shrink by more than all of it; over 1000 % a year is a typing slip. */
export const GROWTH_PCT_RULE: NumberRule = { integer: false, min: -100, max: 1000, message: (f) => `${f} must be a percentage between -100 and 1000` };
/** A target value: any finite number the plan could write (the largest are yuan amounts). */
export const TARGET_VALUE_RULE: NumberRule = { integer: false, min: -1e15, max: 1e15, message: (f) => `${f} must be a number between -1e15 and 1e15` };

/** The rule of a numeric field by its API name; `year` for the tables' year columns. */
export function numberRuleOf(field: string, kind: 'int' | 'year' | 'float'): NumberRule {
  if (field === 'seq') return SEQ_RULE;
  if (kind === 'year') return YEAR_RULE;
  if (field === 'annualGrowthPct') return GROWTH_PCT_RULE;
  return TARGET_VALUE_RULE;
}
