/**
 * A horizontal bar chart in SVG, read at a glance, with its data as a real table right after it.
 * Hand-written rather than a charting library: the report needs three plain bar charts, which take
 * fifty lines here, where recharts or visx would add their own dependency trees (d3 and more) to
 * the bundle and still need the table and the labels done by hand for screen readers.
 *
 * The SVG is one image to assistive technology (`role="img"` with its title and a summary in words);
 * the numbers are in the table. Bars are the office's primary blue on white (contrast above 7:1), a
 * second figure is a black tick, not a second colour, and every bar carries its value in text.
 */
import { useId } from 'react';

export interface ChartBar {
  readonly label: string;
  readonly value: number;
  /** The value in words, at the bar's end and in the table. */
  readonly valueText: string;
  /** A second figure drawn as a tick across the bar (e.g. the 90th percentile). */
  readonly mark?: number;
  readonly markText?: string;
}

export interface ChartData {
  readonly title: string;
  /** What the chart shows, in a sentence: part of the image's accessible name. */
  readonly summary: string;
  readonly bars: readonly ChartBar[];
  /** The table's column headings: the label's, the value's and, with marks, the mark's. */
  readonly columns: readonly [string, string] | readonly [string, string, string];
  /** The legend, in words, when the chart has marks. */
  readonly legend?: readonly [string, string];
  readonly empty: string;
}

/** Units of the SVG's own coordinates: it scales to its box, the proportions stay. */
const WIDTH = 480;
const ROW = 26;
const BAR = 16;
const LABEL = 190;
/** Longer labels are cut in the image (the table has them whole). */
const LABEL_CHARS = 22;
const VALUE = 90;
const FONT = 13;

export function BarChart({ data }: { data: ChartData }) {
  const id = useId();
  const { bars } = data;
  const largest = Math.max(0, ...bars.map((bar) => Math.max(bar.value, bar.mark ?? 0)));
  const room = WIDTH - LABEL - VALUE;
  const length = (value: number) => (largest > 0 ? (value / largest) * room : 0);
  const height = bars.length * ROW + 4;
  return (
    <figure className="report-chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>{data.title}</figcaption>
      {bars.length === 0 ? (
        <p>{data.empty}</p>
      ) : (
        <>
          <svg
            role="img"
            aria-label={`${data.title}. ${data.summary}`}
            viewBox={`0 0 ${WIDTH} ${height}`}
            className="report-chart-image"
            focusable="false"
          >
            {bars.map((bar, index) => {
              const top = index * ROW + 2;
              const middle = top + ROW / 2;
              return (
                <g key={`${bar.label}-${index}`}>
                  <text x={LABEL - 6} y={middle} textAnchor="end" dominantBaseline="middle" fontSize={FONT}>
                    {bar.label.length > LABEL_CHARS ? `${bar.label.slice(0, LABEL_CHARS - 1)}…` : bar.label}
                  </text>
                  <rect
                    x={LABEL}
                    y={middle - BAR / 2}
                    width={Math.max(length(bar.value), bar.value > 0 ? 1 : 0)}
                    height={BAR}
                    className="report-chart-bar"
                  />
                  {bar.mark !== undefined && (
                    <line
                      x1={LABEL + length(bar.mark)}
                      x2={LABEL + length(bar.mark)}
                      y1={middle - BAR / 2 - 4}
                      y2={middle + BAR / 2 + 4}
                      className="report-chart-mark"
                    />
                  )}
                  <text
                    x={LABEL + Math.max(length(bar.value), length(bar.mark ?? 0)) + 6}
                    y={middle}
                    dominantBaseline="middle"
                    fontSize={FONT}
                  >
                    {bar.valueText}
                  </text>
                </g>
              );
            })}
          </svg>
          {data.legend && (
            <p className="report-chart-legend">
              <span className="report-legend-bar" aria-hidden="true" /> {data.legend[0]}{' '}
              <span className="report-legend-mark" aria-hidden="true" /> {data.legend[1]}
            </p>
          )}
          <ChartTable data={data} />
        </>
      )}
    </figure>
  );
}

/** The chart's numbers as a table, for screen readers and for anyone who wants the exact figures. */
export function ChartTable({ data }: { data: ChartData }) {
  const [label, value, mark] = data.columns;
  return (
    <div className="report-table-box">
      <table className="report-chart-table">
        <caption>{data.title}</caption>
        <thead>
          <tr>
            <th scope="col">{label}</th>
            <th scope="col">{value}</th>
            {mark && <th scope="col">{mark}</th>}
          </tr>
        </thead>
        <tbody>
          {data.bars.map((bar, index) => (
            <tr key={`${bar.label}-${index}`}>
              <th scope="row">{bar.label}</th>
              <td>{bar.valueText}</td>
              {mark && <td>{bar.markText ?? ''}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
