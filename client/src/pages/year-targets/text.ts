import type { Text } from '../../i18n';

/** The year-target page's words, in both languages. */
export const YEAR_TARGET_TEXT = {
  title: { zh: '年度目标', en: 'Year targets' },
  intro: {
    zh: '每项指标 2016–2020 年的年度目标，按分解方法由基期值（2015年）推算到 2020 年目标；手动录入的年份不再随之重算。',
    en: 'Each indicator’s targets for 2016–2020, derived by its method from the base value (2015) to the 2020 target; years entered by hand are kept when the inputs change.',
  },
  hand: { zh: '手动', en: 'by hand' },
  handTitle: { zh: '考评办手动录入，不随基期值和分解方法重算', en: 'Entered by the office by hand; not recomputed when the base or method changes' },
  reset: { zh: '恢复为推算值', en: 'Back to the derived value' },
  officeOnly: { zh: '年度目标由考评办维护，您可以查看', en: 'The evaluation office maintains the year targets; you can view them' },
  howTo: { zh: '双击或直接输入即可修改年度目标（修改后标为“手动”）· ↺ 恢复为推算值 · Ctrl+Z 撤销', en: 'Double-click or type to change a year (it is then marked “by hand”) · ↺ puts it back to the derived value · Ctrl+Z undoes' },
  history: { zh: '修改历史', en: 'History' },
  undo: { zh: '撤销', en: 'Undo' },
  redo: { zh: '重做', en: 'Redo' },
  reload: { zh: '刷新', en: 'Reload' },
  search: { zh: '搜索指标名称或单位…', en: 'Indicator or unit…' },
} satisfies Record<string, Text>;
