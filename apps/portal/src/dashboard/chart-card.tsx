import { useId, useState, type ReactNode } from 'react';
import { EmptyState } from '../ui';

/**
 * Colours for chart marks. Each stands at least 3:1 against the white card (WCAG 1.4.11), and series
 * that share a chart also differ in shape (dashes, markers, order) so colour is never the only cue.
 */
export const CHART_COLOURS = {
  primary: '#0b4fd6',
  muted: '#4d5666',
  green: '#1d6b35',
  teal: '#00756f',
  amber: '#8a5a00',
  purple: '#6b3fa0',
  red: '#b3261e',
  light: '#808a99',
} as const;

export interface TableColumn<T> {
  label: string;
  value: (row: T) => string | number;
  numeric?: boolean;
}

/**
 * One chart: a title, a sentence saying what it shows (read by everyone, and all a screen reader
 * needs), the drawing itself (hidden from assistive technology), and the same numbers as a table.
 */
export function ChartCard<T>({
  name,
  title,
  summary,
  rows,
  columns,
  empty,
  children,
}: {
  name: string;
  title: string;
  summary: string;
  rows: T[];
  columns: TableColumn<T>[];
  /** Shown instead of the chart when there is nothing to draw. */
  empty?: string;
  children: ReactNode;
}) {
  const id = useId();
  const [asTable, setAsTable] = useState(false);
  return (
    <figure className="chart-card" data-testid={`chart-${name}`} aria-labelledby={`${id}-title`} aria-describedby={`${id}-summary`}>
      <div className="chart-head">
        <h3 id={`${id}-title`}>{title}</h3>
        {!empty && (
          <button type="button" className="button secondary small" aria-pressed={asTable} aria-controls={`${id}-body`} onClick={() => setAsTable((v) => !v)}>
            {asTable ? 'Show as chart' : 'Show as table'}
          </button>
        )}
      </div>
      {/* With nothing to draw, the empty state is the summary. */}
      {empty ? (
        <div id={`${id}-summary`}>
          <EmptyState>{empty}</EmptyState>
        </div>
      ) : (
        <p className="chart-summary" id={`${id}-summary`}>
          {summary}
        </p>
      )}
      <div id={`${id}-body`}>
        {empty ? null : asTable ? (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{title}</caption>
              <thead>
                <tr>
                  {columns.map((c) => (
                    <th key={c.label} scope="col" className={c.numeric ? 'num' : undefined}>
                      {c.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((row, i) => (
                  <tr key={i}>
                    {columns.map((c, j) =>
                      j === 0 ? (
                        <th key={c.label} scope="row">
                          {c.value(row)}
                        </th>
                      ) : (
                        <td key={c.label} className={c.numeric ? 'num' : undefined}>
                          {c.value(row)}
                        </td>
                      ),
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <div className="chart" aria-hidden="true">
            {children}
          </div>
        )}
      </div>
    </figure>
  );
}

const percentFormat = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 });
const numberFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });

export function percent(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? '—' : percentFormat.format(rate);
}

export function num(value: number): string {
  return numberFormat.format(value);
}

/** Cents as a short axis label in the currency ($12K). */
export function compactMoney(cents: number, currency: string): string {
  return new Intl.NumberFormat(undefined, { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 }).format(cents / 100);
}

/** A week's Monday as a short axis label (16 Nov). */
export function weekLabel(monday: string): string {
  return new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${monday}T00:00:00Z`));
}
