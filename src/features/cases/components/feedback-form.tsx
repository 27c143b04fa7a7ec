import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { feedbackInputSchema, type Case } from '@/api/schemas';
import { useErrorText } from '@/components/ui/api-error-text';
import { Field } from '@/components/ui/field';
import { Radios } from '@/components/ui/radios';
import type { ProviderProfile } from '@/domain/profile-schema';
import { useGiveFeedback } from '../api/case-queries';

/** When a case is resolved or closed: a short satisfaction rating and comment, stored on the case. */
export function FeedbackForm({ caseData, profile }: { caseData: Case; profile: ProviderProfile }) {
  const { t } = useTranslation(['cases', 'errors']);
  const errorText = useErrorText();
  const give = useGiveFeedback(caseData.reference);
  const [rating, setRating] = useState('');
  const [comment, setComment] = useState('');
  const [ratingError, setRatingError] = useState<string | undefined>();
  const [thanked, setThanked] = useState(false);

  if (caseData.feedback) {
    return (
      <section aria-labelledby="feedback-heading" className="case-section">
        <h2 id="feedback-heading">{t('cases:feedback.heading')}</h2>
        <div role="status">{thanked && <p className="notice notice-success">{t('cases:feedback.thanks')}</p>}</div>
        <p>{t('cases:feedback.given', { rating: caseData.feedback.rating })}</p>
        {caseData.feedback.comment && <blockquote className="customer-text">{caseData.feedback.comment}</blockquote>}
      </section>
    );
  }

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const parsed = feedbackInputSchema.safeParse({ rating: rating ? Number(rating) : undefined, comment: comment.trim() || undefined });
    if (!parsed.success) {
      setRatingError(t('cases:feedback.chooseRating'));
      document.getElementById('feedback-rating')?.focus();
      return;
    }
    setRatingError(undefined);
    give.mutate(parsed.data, { onSuccess: () => setThanked(true) });
  };

  return (
    <section aria-labelledby="feedback-heading" className="case-section">
      <h2 id="feedback-heading">{t('cases:feedback.heading')}</h2>
      <p>{t('cases:feedback.lead', { provider: profile.name })}</p>
      {give.isError && (
        <p className="notice notice-error" role="alert">
          {errorText(give.error)}
        </p>
      )}
      <form noValidate onSubmit={submit}>
        <Radios
          id="feedback-rating"
          name="rating"
          legend={t('cases:feedback.rating')}
          error={ratingError}
          value={rating}
          onChange={setRating}
          options={(['1', '2', '3', '4', '5'] as const).map((v) => ({ value: v, label: t(`cases:feedback.ratings.${v}`) }))}
        />
        <Field id="feedback-comment" label={t('cases:feedback.comment')}>
          <textarea rows={3} value={comment} onChange={(e) => setComment(e.target.value)} />
        </Field>
        <button type="submit" className="button" disabled={give.isPending}>
          {t('cases:feedback.submit')}
        </button>
      </form>
    </section>
  );
}
