/**
 * Where progress reads actual values from. The ledger (电子台账, a later slice of issue 14) fills it
 * with approved entries; until then NoActuals gives none, and progress says NO_DATA with what is missing.
 */

/** One approved actual value: a year (`2019`), a quarter (`2019-Q2`) or a month (`2019-06`). Month and quarter values of flow indicators are year-to-date totals. */
export interface ActualValue {
  period: string;
  value: number;
}

export interface ActualsSource {
  /** The approved values of these indicators for every period up to the end of `year`, by indicator id. One call per batch. */
  approvedFor(indicatorIds: number[], year: number): Promise<Map<number, ActualValue[]>>;
}

/** No ledger yet: nothing is approved. */
export class NoActuals implements ActualsSource {
  async approvedFor(): Promise<Map<number, ActualValue[]>> {
    return new Map();
  }
}
