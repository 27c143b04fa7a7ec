import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface ConfirmActionProps {
  /** The button that opens the confirmation, and the confirmation's accessible name. */
  label: string;
  /** What doing it means, said before it is done. */
  question: ReactNode;
  yes: string;
  busy: boolean;
  error: string | null;
  onConfirm: () => void;
  /** 'warning' for what takes something away (remove, leave). */
  tone?: 'warning' | 'primary';
}

/** An action done only after an explicit confirmation that says what it does (focus moves to the question). */
export function ConfirmAction({ label, question, yes, busy, error, onConfirm, tone = 'warning' }: ConfirmActionProps) {
  const { t } = useTranslation('cases');
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);
  if (!confirming) {
    return (
      <button type="button" className="button button-secondary" onClick={() => setConfirming(true)}>
        {label}
      </button>
    );
  }
  return (
    <div ref={confirmRef} tabIndex={-1} role="group" aria-label={label} className="notice">
      <p>{question}</p>
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
      <button type="button" className={tone === 'warning' ? 'button button-warning' : 'button'} disabled={busy} onClick={onConfirm}>
        {yes}
      </button>{' '}
      <button type="button" className="button button-secondary" onClick={() => setConfirming(false)}>
        {t('organisation.confirmNo')}
      </button>
    </div>
  );
}
