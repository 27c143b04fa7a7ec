import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { commentInputSchema } from '@/api/schemas';
import { useErrorText } from '@/components/ui/api-error-text';
import { Field } from '@/components/ui/field';
import type { ProviderProfile } from '@/domain/profile-schema';
import { newIdempotencyKey, useAddComment } from '../api/case-queries';

/**
 * Adds a comment. It appears on the timeline at once (optimistic); if the server refuses it, it
 * is taken off again, a message says why and the text is put back in the box.
 */
export function CommentForm({ reference, profile }: { reference: string; profile: ProviderProfile }) {
  const { t } = useTranslation(['cases', 'validation', 'errors']);
  const errorText = useErrorText();
  const [text, setText] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const add = useAddComment(reference);
  // The key stays with the unsent text until the server confirms it: sending the same words again after
  // a lost answer replays the first request instead of storing the comment twice.
  const unconfirmed = useRef<{ text: string; key: string } | null>(null);

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const parsed = commentInputSchema.safeParse({ text });
    if (!parsed.success) {
      setFieldError(t(`validation:${parsed.error.issues[0]?.message ?? 'invalid'}`, { defaultValue: t('validation:invalid') }));
      document.getElementById('comment-text')?.focus();
      return;
    }
    setFieldError(undefined);
    setMessage(null);
    const sent = text;
    const key = unconfirmed.current?.text === parsed.data.text ? unconfirmed.current.key : newIdempotencyKey();
    unconfirmed.current = { text: parsed.data.text, key };
    setText('');
    add.mutate(
      { text: parsed.data.text, key },
      {
        onSuccess: () => {
          if (unconfirmed.current?.key === key) unconfirmed.current = null;
          setMessage({ kind: 'ok', text: t('cases:comment.added') });
        },
        onError: (error) => {
          setText((current) => (current ? `${sent}\n${current}` : sent));
          setMessage({ kind: 'error', text: t('cases:comment.refused', { reason: errorText(error) }) });
        },
      },
    );
  };

  return (
    <section aria-labelledby="comment-heading" className="case-section">
      <h2 id="comment-heading">{t('cases:comment.heading')}</h2>
      <div aria-live="polite" role="status">
        {message?.kind === 'ok' && <p className="notice notice-success">{message.text}</p>}
      </div>
      <div aria-live="assertive">
        {message?.kind === 'error' && (
          <p className="notice notice-error" role="alert">
            {message.text}
          </p>
        )}
      </div>
      <form noValidate onSubmit={submit}>
        <Field id="comment-text" label={t('cases:comment.label')} hint={t('cases:comment.hint', { provider: profile.name })} error={fieldError}>
          <textarea rows={4} value={text} onChange={(e) => setText(e.target.value)} />
        </Field>
        <button type="submit" className="button">
          {t('cases:comment.submit')}
        </button>
      </form>
    </section>
  );
}
