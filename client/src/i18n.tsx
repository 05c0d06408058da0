import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

/** Chinese first; English on request. The choice is remembered per browser. */
export type Lang = 'zh' | 'en';
export type Text = { zh: string; en: string };

const STORAGE_KEY = 'planhub.lang';

function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'zh' || saved === 'en') return saved;
  } catch {
    // storage blocked: fall through to Chinese
  }
  return 'zh';
}

interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  /** Picks the current language from a { zh, en } pair. */
  t(text: Text): string;
}

const I18nContext = createContext<I18n>({ lang: 'zh', setLang: () => {}, t: (x) => x.zh });

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // not remembered, still switched
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = lang === 'zh' ? 'Plan Hub · 绩效规划数据中心' : 'Plan Hub · Performance plan data hub';
  }, [lang]);
  const value = useMemo<I18n>(() => ({ lang, setLang, t: (x) => x[lang] }), [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export const useI18n = () => useContext(I18nContext);

/** Fills {name} placeholders. */
export function fmt(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => (k in values ? String(values[k]) : `{${k}}`));
}

export const formatNumber = (n: number, lang: Lang) => n.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US');

export function formatDateTime(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
}

// ---- grid fixes (issue 10, items 1–3, 5, 6, 14, 15) --------------------------------------------------
/** Words of the grid fixes: the page error boundary, read-only hints, filter chips and history groups. */
export const GRID_TEXT = {
  pageErrorTitle: { zh: '这个页面出错了', en: 'This page ran into a problem' },
  pageErrorBody: {
    zh: '页面无法显示，已保存的数据不受影响。请重新加载页面；如果再次出现，请切换到其他页面并联系考评办。',
    en: 'The page could not be shown; saved data is not affected. Reload the page; if it happens again, use another page and tell the evaluation office.',
  },
  pageReload: { zh: '重新加载页面', en: 'Reload the page' },
  searchIndicators: { zh: '搜索指标名称、计量单位、目标或责任单位…', en: 'Indicator, unit, target or department…' },
  searchAll: { zh: '搜索所有列，含责任单位…', en: 'Any column, departments included…' },
  searchDepartments: { zh: '搜索部门名称、代码或别名…', en: 'Department name, code or alias…' },
  signInToEdit: { zh: '登录后可编辑', en: 'Sign in to edit' },
  viewerReadOnly: { zh: '您的账号只能查看，不能编辑', en: 'Your account can view but not edit' },
  editorOwnRows: { zh: '可编辑本部门负责的行（其他行只读）· 双击或直接输入即可编辑 · Ctrl+Z 撤销', en: 'You can edit your department’s rows (others are read-only) · double-click or type to edit · Ctrl+Z undoes' },
  editorNoDepartments: { zh: '部门由考评办维护，您可以查看', en: 'The evaluation office maintains departments; you can view them' },
  activeFilters: { zh: '筛选条件', en: 'Filters' },
  removeFilter: { zh: '去掉这个筛选', en: 'Remove this filter' },
  clearFilters: { zh: '清除筛选', en: 'Clear filters' },
  howToEdit: { zh: '双击或直接输入即可编辑 · Ctrl+V 粘贴 Excel 单元格 · Ctrl+Z 撤销', en: 'Double-click or type to edit · Ctrl+V pastes Excel cells · Ctrl+Z undoes' },
} satisfies Record<string, Text>;
