import { useMemo } from 'react';
import { AgCharts } from 'ag-charts-react';
import { CategoryAxisModule, LegendModule, LineSeriesModule, ModuleRegistry, NumberAxisModule, type AgCartesianChartOptions } from 'ag-charts-community';
import { useI18n } from '../../i18n';
import { actualOf, type BoardIndicator } from '../../api/board';
import { BOARD_TEXT } from './text';

// Only what a line chart with two axes and a legend needs (AG Charts Community, MIT).
ModuleRegistry.registerModules([LineSeriesModule, CategoryAxisModule, NumberAxisModule, LegendModule]);

/**
 * One indicator's trend, 2015–2020: the year targets (from the base in 2015) against the approved
 * actual values. This module is loaded with the first chart, not with the board.
 */
export default function TrendChart({ indicator }: { indicator: BoardIndicator }) {
  const { lang, t } = useI18n();
  const options = useMemo<AgCartesianChartOptions>(() => {
    const point = (year: number): { actual?: number; soFar?: number } => {
      if (year === indicator.baseYear) return { actual: indicator.baseValue ?? undefined };
      const a = actualOf(indicator, year);
      if (a.value == null) return {};
      return a.provisional ? { soFar: a.value } : { actual: a.value };
    };
    const data = [2015, 2016, 2017, 2018, 2019, 2020].map((year) => ({
      year: String(year),
      target: year === indicator.baseYear ? (indicator.baseValue ?? undefined) : (indicator.yearTargets.find((y) => y.year === year)?.targetValue ?? undefined),
      ...point(year),
    }));
    return {
      data,
      title: { text: `${indicator.seq} ${indicator.name}（${indicator.unit}）` },
      series: [
        { type: 'line', xKey: 'year', yKey: 'target', yName: t(BOARD_TEXT.target), stroke: '#1f5fbf', marker: { fill: '#1f5fbf' } },
        { type: 'line', xKey: 'year', yKey: 'actual', yName: t(BOARD_TEXT.actual), stroke: '#c05a00', marker: { fill: '#c05a00', shape: 'square' } },
        // A year still running is judged on its months or quarters so far: a point of its own, not on the years' line.
        ...(data.some((d) => d.soFar !== undefined) ? [{ type: 'line' as const, xKey: 'year', yKey: 'soFar', yName: t(BOARD_TEXT.soFar), strokeOpacity: 0, marker: { fill: '#fff', stroke: '#c05a00', strokeWidth: 2, shape: 'diamond' as const } }] : []),
      ],
      axes: { x: { type: 'category', position: 'bottom' }, y: { type: 'number', position: 'left', title: { text: indicator.unit } } },
      legend: { position: 'bottom' },
    };
  }, [indicator, lang, t]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <figure className="board-chart" data-testid="trend-chart" aria-label={`${t(BOARD_TEXT.trend)}: ${indicator.name}`}>
      <AgCharts options={options} />
    </figure>
  );
}
