import type { ReactNode } from 'react';

/** A column's header: its label, or a label read by screen readers only (an actions column); false leaves the column out. */
export type StaffColumn = string | { hiddenLabel: string } | false;

interface StaffTableProps {
  columns: readonly StaffColumn[];
  /** The table's name: the id of the heading above it, or a caption read by screen readers only. */
  labelledBy?: string;
  caption?: string;
  /**
   * Names the scrolling box as a region that takes the focus, so a keyboard can scroll a table wider than the page
   * (WCAG 2.1.1, axe scrollable-region-focusable).
   */
  region?: string;
  className?: string;
  testId?: string;
  /** The rows (each `<tr>` with its `<th scope="row">`). */
  children: ReactNode;
}

/** The staff pages' tables: one scrolling box, a named table, column headers with their scope. */
export function StaffTable({ columns, labelledBy, caption, region, className, testId, children }: StaffTableProps) {
  const table = (
    <table className={['table', className].filter(Boolean).join(' ')} aria-labelledby={labelledBy} data-testid={testId}>
      {caption && <caption className="visually-hidden">{caption}</caption>}
      <thead>
        <tr>
          {columns.map((column, i) =>
            column === false ? null : (
              <th scope="col" key={i}>
                {typeof column === 'string' ? column : <span className="visually-hidden">{column.hiddenLabel}</span>}
              </th>
            ),
          )}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
  return region ? (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrolling region takes the focus (see `region`)
    <div className="table-scroll" role="region" aria-label={region} tabIndex={0}>
      {table}
    </div>
  ) : (
    <div className="table-scroll">{table}</div>
  );
}
