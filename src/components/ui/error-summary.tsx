import { useEffect, useRef, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';

export interface ErrorSummaryItem {
  /** The id of the field to move to (the first input of a group). */
  fieldId: string;
  message: string;
}

export interface ErrorSummaryProps {
  errors: readonly ErrorSummaryItem[];
  /** Defaults to "There is a problem" in the user's language. */
  title?: string;
  /**
   * Changes whenever the summary should take focus again (e.g. react-hook-form's submitCount),
   * so a second failed submit moves focus back to the summary.
   */
  focusKey?: unknown;
  /** The summary's id (its title's is `${id}-title`), for a page with more than one form. */
  id?: string;
}

/** Moves to a field the GOV.UK way: focus it and scroll its label or legend into view. */
export function focusField(fieldId: string): boolean {
  const input = document.getElementById(fieldId);
  if (!input) return false;
  const legend = input.closest('fieldset')?.querySelector('legend');
  const label = document.querySelector(`label[for="${CSS.escape(fieldId)}"]`);
  (legend ?? label ?? input).scrollIntoView?.({ block: 'start' });
  input.focus({ preventScroll: true });
  return true;
}

/**
 * GOV.UK error summary: shown above the form after a failed submit, takes focus, and links to
 * each field in error. Renders nothing when there are no errors.
 */
export function ErrorSummary({ errors, title, focusKey, id = 'error-summary' }: ErrorSummaryProps) {
  const { t } = useTranslation('validation');
  const ref = useRef<HTMLDivElement>(null);
  const shown = errors.length > 0;
  useEffect(() => {
    if (shown) ref.current?.focus();
  }, [shown, focusKey]);
  if (!shown) return null;
  const onClick = (event: MouseEvent<HTMLAnchorElement>, fieldId: string) => {
    if (focusField(fieldId)) event.preventDefault();
  };
  return (
    <div className="error-summary" id={id} ref={ref} tabIndex={-1} role="alert" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title ?? t('ui.summaryTitle')}</h2>
      <ul>
        {errors.map((e) => (
          <li key={`${e.fieldId}:${e.message}`}>
            <a href={`#${e.fieldId}`} onClick={(event) => onClick(event, e.fieldId)}>
              {e.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
