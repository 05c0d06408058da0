/**
 * Where progress reads actual values from: the ledger (电子台账, ledger-actuals.ts) in the running hub;
 * NoActuals (nothing approved) where a test or tool wants the rules without a ledger.
 */

/** One approved actual value: a year (`2019`), a quarter (`2019-Q2`) or a month (`2019-06`). Month and quarter values of flow indicators are year-to-date totals. */
export interface ActualValue {
  period: string;
  value: number;
}

/** Who reports an item, so that NO_DATA can say whose value is missing. */
export interface Reporting {
  /** The lead departments' names, in the plan's order: their approved entries are the item's values. */
  leads: string[];
  /** The same in English (for explanationEn). */
  leadsEn?: string[];
  /** Approved entries that do not count: a supporter's (配合单位) figure, by department and period. */
  uncounted: { department: string; departmentEn?: string; period: string }[];
}

/** The values that count for one item, and who reports it. */
export interface ItemActuals {
  values: ActualValue[];
  reporting: Reporting;
  /** The lead departments' ids, in the same order as reporting.leads. */
  leadIds: number[];
}

export type ActualsKind = 'indicator' | 'milestone';

export interface ActualsSource {
  /**
   * The approved values of these items for every period up to the end of `year`, by item id (every
   * item of the kind when `ids` is null). One statement per batch (up to 1,000 items).
   */
  approvedFor(kind: ActualsKind, ids: readonly number[] | null, year: number): Promise<Map<number, ItemActuals>>;
}

/** No ledger: nothing is approved. */
export class NoActuals implements ActualsSource {
  async approvedFor(): Promise<Map<number, ItemActuals>> {
    return new Map();
  }
}
