import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { resolutionDecisionSchema, type Case } from '@/api/schemas';
import { useErrorText } from '@/components/ui/api-error-text';
import { Field } from '@/components/ui/field';
import type { ProviderProfile } from '@/domain/profile-schema';
import { useDecideResolution } from '../api/case-queries';

/** A proposed resolution: accept it (the case is resolved) or reject it with a reason (the case reopens). */
export function ResolutionPanel({
  caseData,
  profile,
  onDecided,
}: {
  caseData: Case;
  profile: ProviderProfile;
  onDecided: (decision: 'accept' | 'reject') => void;
}) {
  const { t } = useTranslation(['cases', 'validation', 'errors', 'common']);
  const fmt = { date: new Intl.DateTimeFormat(t('common:locale'), { dateStyle: 'long', timeZone: profile.timeZone }) };
  const errorText = useErrorText();
  const decide = useDecideResolution(caseData.reference);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const proposal = caseData.proposedResolution;
  if (!proposal) return null;

  const reject = (e: React.FormEvent) => {
    e.preventDefault();
    const parsed = resolutionDecisionSchema.safeParse({ decision: 'reject', reason });
    if (!parsed.success) {
      setReasonError(t(`validation:${parsed.error.issues[0]?.message ?? 'invalid'}`, { defaultValue: t('validation:invalid') }));
      document.getElementById('reject-reason')?.focus();
      return;
    }
    setReasonError(undefined);
    void decide.mutateAsync(parsed.data).then(() => onDecided('reject'), () => undefined);
  };

  return (
    <section aria-labelledby="resolution-heading" className="case-section resolution-panel">
      <h2 id="resolution-heading">{t('cases:resolution.heading', { provider: profile.name })}</h2>
      <p className="hint">{t('cases:resolution.proposedOn', { date: fmt.date.format(new Date(proposal.proposedAt)) })}</p>
      <blockquote className="customer-text">{proposal.text}</blockquote>
      {decide.isError && (
        <p className="notice notice-error" role="alert">
          {errorText(decide.error)}
        </p>
      )}
      <button type="button" className="button" disabled={decide.isPending} onClick={() => void decide.mutateAsync({ decision: 'accept' }).then(() => onDecided('accept'), () => undefined)}>
        {t('cases:resolution.accept')}
      </button>
      <h3>{t('cases:resolution.rejectHeading')}</h3>
      <form noValidate onSubmit={reject}>
        <Field id="reject-reason" label={t('cases:resolution.reason')} hint={t('cases:resolution.reasonHint', { provider: profile.name })} error={reasonError}>
          <textarea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
        </Field>
        <button type="submit" className="button button-warning" disabled={decide.isPending}>
          {t('cases:resolution.reject')}
        </button>
      </form>
    </section>
  );
}
