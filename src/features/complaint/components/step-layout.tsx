import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorSummary, type ErrorSummaryItem } from '@/components/ui';
import { stepNumber, steps, type StepId } from '../model/steps';

export interface StepLayoutProps {
  step: StepId;
  title: string;
  caption: string;
  backTo: string | null;
  errors?: ErrorSummaryItem[];
  focusKey?: unknown;
  onDiscard: () => void;
  children: ReactNode;
}

/** The frame of every question page: back link, "Step N of 4", error summary, heading, discard. */
export function StepLayout({ step, title, caption, backTo, errors = [], focusKey, onDiscard, children }: StepLayoutProps) {
  const { t } = useTranslation('complaint');
  return (
    <div className="narrow complaint-step">
      {backTo && (
        <Link to={backTo} className="back-link">
          {t('nav.back')}
        </Link>
      )}
      <p className="progress">
        {caption} – {t('nav.progress', { number: stepNumber(step), total: steps.length })}
      </p>
      <ErrorSummary errors={errors} focusKey={focusKey} />
      <h1>{title}</h1>
      {children}
      <div className="discard">
        <button type="button" className="link-button" onClick={onDiscard}>
          {t('nav.discard')}
        </button>
      </div>
    </div>
  );
}

/** The one way forward on every question page. */
export function ContinueButton() {
  const { t } = useTranslation('complaint');
  return (
    <div className="button-group">
      <button type="submit" className="button">
        {t('nav.continue')}
      </button>
    </div>
  );
}
