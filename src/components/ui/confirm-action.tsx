import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface ConfirmActionProps {
  /** The action's accessible name: on the button that asks, and on the group that asks to confirm it. */
  label: string;
  /** What doing it means, asked before it is done. */
  question: ReactNode;
  /** The Yes button's text, naming what it does ("Yes, remove"). */
  yes: string;
  /** The No button's text; common:confirm.no ("Cancel") unless given. */
  no?: string;
  onConfirm: () => void;
  /** The action is under way: Yes does nothing until it is answered (it keeps the focus, so the focus is never lost). */
  busy?: boolean;
  /** Why it failed, announced (role="alert") inside the question. */
  error?: string | null;
  /** 'warning' (the default) for what takes something away (remove, leave); 'primary' for the rest. */
  tone?: 'warning' | 'primary';
  /** 'block' (the default): the question in a box of its own; 'inline': in a line, e.g. in a table's cell. */
  layout?: 'block' | 'inline';
}

/** The headings a focus may go to after a confirmed action, in document order. */
const HEADINGS = 'h1, h2, h3, h4, h5, h6';

/** The last heading before `element` in its page's main content (or the document): the heading of the list or section it is in. */
function headingBefore(element: Element): HTMLElement | null {
  const scope = element.closest('main') ?? element.ownerDocument;
  const before = [...scope.querySelectorAll<HTMLElement>(HEADINGS)].filter((h) => Boolean(h.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING) && !h.contains(element));
  return before.at(-1) ?? null;
}

/** Focuses a heading (made focusable by script only, tabindex="-1", if it is not already). */
function focusHeading(heading: HTMLElement) {
  if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
  heading.focus();
}

/**
 * An action done only after an explicit confirmation that says what it does: its button, then in its place the
 * question with Yes and No. The focus goes to No when the question appears (never lost with the button that went) and
 * back to the button when it is answered No. When it is answered Yes and the action, done, takes this control away
 * (its row, its list, its view), the focus goes to the heading of the list or section it was in — the last heading
 * before it — or, if that heading went with it, the page's h1: never to the page's body (WCAG 2.4.3).
 * docs/decisions/0137-one-confirm-action.md.
 */
export function ConfirmAction({ label, question, yes, no, onConfirm, busy = false, error = null, tone = 'warning', layout = 'block' }: ConfirmActionProps) {
  const { t } = useTranslation('common');
  const [confirming, setConfirming] = useState(false);
  const noRef = useRef<HTMLButtonElement>(null);
  const askRef = useRef<HTMLButtonElement>(null);
  const asked = useRef(false);
  /** Set when Yes is pressed: where the focus goes if this control is then taken away with it inside. */
  const afterDone = useRef<HTMLElement | null>(null);
  const questionId = useId();
  useEffect(() => {
    if (confirming) noRef.current?.focus();
    else if (asked.current) askRef.current?.focus();
    if (!confirming) afterDone.current = null;
    asked.current = confirming;
  }, [confirming]);
  useEffect(() => {
    const done = afterDone;
    return () => {
      const heading = done.current;
      if (!heading) return;
      // Only a focus lost with this control: not one the user has since put elsewhere (a link followed after a failure).
      const active = document.activeElement;
      if (active && active !== document.body && active.isConnected) return;
      const target = heading.isConnected ? heading : document.querySelector<HTMLElement>('main h1');
      if (target) focusHeading(target);
    };
  }, []);
  if (!confirming) {
    return (
      <button type="button" className="button button-secondary" onClick={() => setConfirming(true)} ref={askRef}>
        {label}
      </button>
    );
  }
  const inline = layout === 'inline';
  const Box = inline ? 'span' : 'div';
  const Text = inline ? 'span' : 'p';
  return (
    <Box role="group" aria-label={label} className={inline ? 'confirm-action confirm-action-inline' : 'confirm-action notice'}>
      <Text id={questionId} className="confirm-action-question">
        {question}
      </Text>
      {error && (
        <Text className="confirm-action-error" role="alert">
          {error}
        </Text>
      )}
      <span className="confirm-action-buttons">
        <button
          type="button"
          className={tone === 'warning' ? 'button button-warning' : 'button'}
          aria-disabled={busy || undefined}
          aria-describedby={questionId}
          onClick={(event) => {
            if (busy) return;
            // The last heading before Yes is the last one before its question: the list's or section's.
            afterDone.current = headingBefore(event.currentTarget);
            onConfirm();
          }}
        >
          {yes}
        </button>
        <button type="button" className="button button-secondary" aria-describedby={questionId} onClick={() => setConfirming(false)} ref={noRef}>
          {no ?? t('confirm.no')}
        </button>
      </span>
    </Box>
  );
}
