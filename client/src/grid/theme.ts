import { themeQuartz } from 'ag-grid-community';

/** AG Grid's Quartz theme (no CSS import needed) with a font that has the Chinese glyphs. */
export const gridTheme = themeQuartz.withParams({
  fontFamily: ['system-ui', '"PingFang SC"', '"Microsoft YaHei"', '"WenQuanYi Micro Hei"', '"Noto Sans CJK SC"', 'sans-serif'],
  fontSize: 13,
  headerFontSize: 13,
  headerFontWeight: 600,
  spacing: 6,
  rowHeight: 34,
  headerHeight: 38,
  // A little less side padding: an English header such as "Attribute" fits its 100 px column.
  cellHorizontalPaddingScale: 0.8,
  accentColor: '#1f5fbf',
  headerBackgroundColor: '#f3f5f8',
  wrapperBorderRadius: 0,
});
