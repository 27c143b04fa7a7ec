import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

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

interface ConfirmActionProps {
  /** The action's accessible name, on its button and on the group that asks to confirm it. */
  label: string;
  /** The question asked before it is done. */
  question: string;
  confirming: boolean;
  onAsk: () => void;
  onCancel: () => void;
  onConfirm: () => void;
}

/**
 * A destructive action asked twice: its button, then in its place the question with Yes and No. The focus goes to
 * No when the question appears (never lost with the button that went), and back to the button when it is answered No.
 */
export function ConfirmAction({ label, question, confirming, onAsk, onCancel, onConfirm }: ConfirmActionProps) {
  const { t } = useTranslation(['staff']);
  const no = useRef<HTMLButtonElement>(null);
  const ask = useRef<HTMLButtonElement>(null);
  const asked = useRef(false);
  useEffect(() => {
    if (confirming) no.current?.focus();
    else if (asked.current) ask.current?.focus();
    asked.current = confirming;
  }, [confirming]);
  return confirming ? (
    <span role="group" aria-label={label}>
      {question}{' '}
      <button type="button" className="button button-warning" onClick={onConfirm}>
        {t('staff:team.confirmYes')}
      </button>{' '}
      <button type="button" className="button button-secondary" onClick={onCancel} ref={no}>
        {t('staff:team.confirmNo')}
      </button>
    </span>
  ) : (
    <button type="button" className="button button-secondary" onClick={onAsk} ref={ask}>
      {label}
    </button>
  );
}
