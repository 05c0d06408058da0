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

