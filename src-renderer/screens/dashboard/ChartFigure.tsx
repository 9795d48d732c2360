/**
 * A dashboard chart: a figure with a caption, the plot (hidden from screen readers), and
 * the same numbers in a table only they read. Controls (a currency switch) sit by the caption.
 */
import type { ReactNode } from 'react';
import './charts.css';

interface ChartFigureProps {
  id: string;
  title: string;
  header: string[];
  rows: Array<Array<string | number>>;
  /** Beside the caption: a switch of what the chart shows. */
  controls?: ReactNode;
  /** Under the caption: a line that sums the chart up. */
  summary?: ReactNode;
  wide?: boolean;
  children: ReactNode;
}

export function ChartFigure({ id, title, header, rows, controls, summary, wide, children }: ChartFigureProps) {
  return (
    <figure className={wide ? 'card section chart chart--wide' : 'card section chart'} aria-labelledby={id}>
      <div className="chart__header">
        <figcaption id={id} className="section__title chart__title">
          {title}
        </figcaption>
        {controls && <div className="chart__controls">{controls}</div>}
      </div>
      {summary && <p className="chart__summary">{summary}</p>}
      <div className="chart__plot" aria-hidden="true">
        {children}
      </div>
      <table className="visually-hidden">
        <caption>{title}</caption>
        <thead>
          <tr>
            {header.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={String(row[0])}>
              {row.map((cell, i) => (
                <td key={i}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
