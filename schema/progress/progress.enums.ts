import { registerEnumType } from 'type-graphql';

export enum ProgressStatus {
  ACHIEVED = 'ACHIEVED',
  MISSED = 'MISSED',
  ON_TRACK = 'ON_TRACK',
  AT_RISK = 'AT_RISK',
  OFF_TRACK = 'OFF_TRACK',
  NO_DATA = 'NO_DATA',
}
registerEnumType(ProgressStatus, {
  name: 'ProgressStatus',
  description: 'ACHIEVED / MISSED once the year’s value is approved; ON_TRACK / AT_RISK (short by at most the tolerance, 5 %) / OFF_TRACK from the year’s approved months or quarters; NO_DATA when nothing is approved or an input is missing (the explanation says which).',
});
