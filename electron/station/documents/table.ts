/**
 * A report's blocks (contract/documents.ts `table` and `bars`): a table of figures with its headings
 * repeated on every page it runs on to, and horizontal bars with their values in words. A report is
 * read by staff at a desk, not taken home by a visitor: its tables use a smaller type than the
 * large print of the visitor's documents, and its pages lie in landscape (render.ts), or ten columns
 * of figures would not fit across A4.
 */
import type { PrintableDocument } from '../../common/contract/documents';
import type { Flow, TextStyle } from './layout';

type Section = PrintableDocument['sections'][number];
type Table = NonNullable<Section['table']>;
type Bar = NonNullable<Section['bars']>[number];

/** Type sizes of a report's table and bars, in points. */
export const TABLE_TYPE = { cell: 9, bar: 11 } as const;
const PADDING = 3;

/** The first column (names) takes the room its longest name needs, up to a third of the width. */
function columnWidths(flow: Flow, table: Table): number[] {
  const rest = table.columns.length - 1;
  if (rest === 0) return [flow.width];
  const longest = Math.max(
    ...[table.columns[0]!, ...table.rows.map((row) => row[0]!)].map(
      (text) => flow.doc.font('bold').fontSize(TABLE_TYPE.cell).widthOfString(text) + 2 * PADDING + 1,
    ),
  );
  const first = Math.min(Math.max(longest, flow.width / (rest + 1)), flow.width / 3);
  return [first, ...Array.from({ length: rest }, () => (flow.width - first) / rest)];
}

function drawRow(flow: Flow, cells: readonly string[], widths: readonly number[], face: 'regular' | 'bold'): void {
  const style = (index: number): TextStyle => ({
    size: TABLE_TYPE.cell,
    face: index === 0 ? 'bold' : face,
    indent: widths.slice(0, index).reduce((sum, width) => sum + width, 0) + PADDING,
    width: widths[index]! - 2 * PADDING,
    align: index === 0 ? 'left' : 'right',
  });
  const height = Math.max(...cells.map((cell, index) => flow.heightOf(cell || '—', style(index))));
  const top = flow.y + PADDING;
  cells.forEach((cell, index) => flow.text(cell || '—', style(index), top));
  flow.y = top + height + PADDING;
  flow.rule(face === 'bold' ? 1 : 0.4, face === 'bold' ? '#000000' : '#9a9a9a');
}

/** The table: its headings, then its rows; on a new page the headings again. */
export function drawTable(flow: Flow, table: Table): void {
  const widths = columnWidths(flow, table);
  const headingHeight = () =>
    Math.max(
      ...table.columns.map((column, index) =>
        flow.heightOf(column, { size: TABLE_TYPE.cell, face: 'bold', width: widths[index]! - 2 * PADDING }),
      ),
    ) +
    2 * PADDING;
  flow.ensure(headingHeight() + 2 * (TABLE_TYPE.cell * 1.6 + 2 * PADDING));
  drawRow(flow, table.columns, widths, 'bold');
  for (const row of table.rows) {
    const page = flow.pageIndex;
    flow.ensure(TABLE_TYPE.cell * 2.6 + 2 * PADDING);
    if (flow.pageIndex !== page) drawRow(flow, table.columns, widths, 'bold');
    drawRow(flow, row, widths, 'regular');
  }
  flow.gap(8);
}

/** Bars from a common zero to the largest value, the label on the left and the value on the right. */
export function drawBars(flow: Flow, bars: readonly Bar[]): void {
  const labelWidth = Math.round(flow.width * 0.3);
  const textWidth = Math.round(flow.width * 0.25);
  const room = flow.width - labelWidth - textWidth - 12;
  const largest = Math.max(...bars.map((bar) => bar.value), 0);
  const size = TABLE_TYPE.bar;
  for (const bar of bars) {
    const height = flow.heightOf(bar.label, { size, width: labelWidth }) + 4;
    flow.ensure(height);
    const top = flow.y;
    flow.text(bar.label, { size, width: labelWidth }, top);
    const length = largest > 0 ? (bar.value / largest) * room : 0;
    if (length > 0)
      flow.doc
        .save()
        .rect(flow.left + labelWidth + 6, top + 1, Math.max(length, 1), size)
        .fill('#1d4f91')
        .restore();
    flow.text(bar.text, { size, indent: flow.width - textWidth, width: textWidth, align: 'right' }, top);
    flow.y = top + height;
  }
  flow.gap(8);
}
