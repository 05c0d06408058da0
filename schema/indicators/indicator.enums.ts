import { registerEnumType } from 'type-graphql';

export enum IndicatorAttribute {
  EXPECTED = 'EXPECTED',
  BINDING = 'BINDING',
}
registerEnumType(IndicatorAttribute, { name: 'IndicatorAttribute', description: '预期性 / 约束性 — the plan’s attribute column of table 1.' });

export enum TargetKind {
  EXACT = 'EXACT',
  APPROX = 'APPROX',
  AT_LEAST = 'AT_LEAST',
  AT_MOST = 'AT_MOST',
  RELATIVE = 'RELATIVE',
  ASSIGNED = 'ASSIGNED',
}
registerEnumType(TargetKind, {
  name: 'TargetKind',
  description: 'How the plan states a target: 1500 (EXACT), 13左右 (APPROX), 达到68以上 (AT_LEAST), 控制在50以内 (AT_MOST), 与GDP同步 (RELATIVE), 市下达目标 (ASSIGNED).',
});


/** How an indicator's year targets (2016–2020) are derived from its base and its 2020 target. */
export enum TargetMethod {
  GEOMETRIC = 'GEOMETRIC',
  GROWTH_RATE = 'GROWTH_RATE',
  LINEAR = 'LINEAR',
  EVEN_SPLIT = 'EVEN_SPLIT',
  FINAL = 'FINAL',
  MANUAL = 'MANUAL',
}
registerEnumType(TargetMethod, {
  name: 'TargetMethod',
  description:
    'How year targets are derived: GEOMETRIC (base → 2020 value at a constant rate), GROWTH_RATE (base × (1 + annual growth)^k), LINEAR, EVEN_SPLIT (five-year totals: a fifth per year, judged on the running sum), FINAL (every year holds the 2020 value), MANUAL (entered each year).',
});
