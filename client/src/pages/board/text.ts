import type { Text } from '../../i18n';

/** The board's words (动态监控), in both languages. */
export const BOARD_TEXT = {
  title: { zh: '动态监控', en: 'Monitoring' },
  year: { zh: '年份', en: 'Year' },
  period: { zh: '截至', en: 'As of' },
  wholeYear: { zh: '全年', en: 'Whole year' },
  overall: { zh: '总体', en: 'Overall' },
  byAttribute: { zh: '按指标属性', en: 'By attribute' },
  byDepartment: { zh: '按责任单位', en: 'By department' },
  attention: { zh: '需要关注的指标（滞后、有风险的在前）', en: 'Indicators needing attention (off track and at risk first)' },
  items: { zh: '指标完成情况', en: 'Indicators' },
  trend: { zh: '趋势：年度目标与已审核实际值', en: 'Trend: year targets against approved actuals' },
  target: { zh: '年度目标', en: 'Year target' },
  actual: { zh: '实际值（已审核）', en: 'Actual (approved)' },
  soFar: { zh: '年内至今（暂定）', en: 'So far this year (provisional)' },
  total: { zh: '合计', en: 'Total' },
  completion: { zh: '完成率', en: 'Completion' },
  pick: { zh: '点击指标查看趋势图', en: 'Click an indicator to see its trend' },
  department: { zh: '单位', en: 'Department' },
  showTrend: { zh: '查看趋势', en: 'Show trend' },
} satisfies Record<string, Text>;

export { STATUSES, STATUS_LABEL, STATUS_RANK } from '../../ui/status';
