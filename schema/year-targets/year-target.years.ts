/** The plan's years a year target is kept for (the base year is the plan's start, 2015). */
export const TARGET_YEARS = [2016, 2017, 2018, 2019, 2020] as const;
export const FIRST_TARGET_YEAR = TARGET_YEARS[0];
export const LAST_TARGET_YEAR = TARGET_YEARS[TARGET_YEARS.length - 1];
