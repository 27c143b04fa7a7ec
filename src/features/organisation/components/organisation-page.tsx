import { useEffect, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { inviteMemberSchema, type InviteMember, type Member } from '@/api/schemas';
import { errorCodeOf, useErrorText } from '@/components/ui/api-error-text';
import { ErrorSummary } from '@/components/ui/error-summary';
import { Field } from '@/components/ui/field';
import { organisationQueries, useInviteMember, useRemoveMember } from '../api/organisation';

export interface OrganisationPageProps {
  signInPath: string;
}

/** Remove a member, after an explicit confirmation that says what removing does. */
function RemoveMember({ member, organisation, onRemoved }: { member: Member; organisation: string; onRemoved: (name: string) => void }) {
  const { t } = useTranslation(['cases', 'errors']);
  const remove = useRemoveMember();
  const errorText = useErrorText();
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);
  if (!confirming) {
    return (
      <button type="button" className="button button-secondary" onClick={() => setConfirming(true)}>
        {t('cases:organisation.remove', { name: member.name })}
      </button>
    );
  }
  return (
    <div ref={confirmRef} tabIndex={-1} role="group" aria-label={t('cases:organisation.remove', { name: member.name })} className="notice">
      <p>{t('cases:organisation.confirmRemove', { name: member.name, organisation })}</p>
      {remove.isError && (
        <p className="notice notice-error" role="alert">
          {errorText(remove.error)}
        </p>
      )}
      <button type="button" className="button button-warning" disabled={remove.isPending} onClick={() => remove.mutate(member.id, { onSuccess: () => onRemoved(member.name) })}>
        {t('cases:organisation.confirmYes')}
      </button>{' '}
      <button type="button" className="button button-secondary" onClick={() => setConfirming(false)}>
        {t('cases:organisation.confirmNo')}
      </button>
    </div>
  );
}

function InviteForm({ onInvited }: { onInvited: (name: string) => void }) {
  const { t } = useTranslation(['cases', 'validation', 'errors']);
  const invite = useInviteMember();
  const errorText = useErrorText();
  const form = useForm<InviteMember>({ resolver: zodResolver(inviteMemberSchema), defaultValues: { name: '', email: '' }, shouldFocusError: false });
  const { errors, submitCount } = form.formState;
  const onSubmit = form.handleSubmit((values) =>
    invite.mutate(values, {
      onSuccess: (member) => {
        form.reset();
        onInvited(member.name);
      },
      onError: (error) => {
        if (errorCodeOf(error) === 'alreadyMember') form.setError('email', { message: 'alreadyMember' });
      },
    }),
  );
  const fieldError = (name: 'name' | 'email') => {
    const code = errors[name]?.message;
    if (!code) return undefined;
    if (code === 'required') return t(`cases:organisation.errors.${name}Required`);
    if (code === 'alreadyMember') return t('cases:organisation.errors.alreadyMember');
    return t(`validation:${code}`, { defaultValue: t('validation:invalid') });
  };
  const summary = (['name', 'email'] as const)
    .map((name) => ({ fieldId: `invite-${name}`, message: fieldError(name) }))
    .filter((e): e is { fieldId: string; message: string } => Boolean(e.message));
  const other = invite.isError && errorCodeOf(invite.error) !== 'alreadyMember' ? errorText(invite.error) : null;
  return (
    <section aria-labelledby="invite-heading">
      <h2 id="invite-heading">{t('cases:organisation.inviteHeading')}</h2>
      <p>{t('cases:organisation.inviteLead')}</p>
      <ErrorSummary errors={summary} title={t('cases:errorTitle')} focusKey={`${submitCount}:${summary.length}`} />
      {other && (
        <div className="notice notice-error" role="alert">
          {other}
        </div>
      )}
      <form noValidate onSubmit={(e) => void onSubmit(e)}>
        <Field id="invite-name" label={t('cases:organisation.name')} error={fieldError('name')}>
          <input type="text" autoComplete="off" {...form.register('name')} />
        </Field>
        <Field id="invite-email" label={t('cases:organisation.email')} error={fieldError('email')}>
          <input type="email" autoComplete="off" spellCheck={false} {...form.register('email')} />
        </Field>
        <button type="submit" className="button" disabled={invite.isPending}>
          {invite.isPending ? t('cases:organisation.inviting') : t('cases:organisation.invite')}
        </button>
      </form>
    </section>
  );
}

/** "Your organisation": its administrator lists, adds and removes members. */
export function OrganisationPage({ signInPath }: OrganisationPageProps) {
  const { t } = useTranslation(['cases', 'errors']);
  const members = useQuery(organisationQueries.members());
  const errorText = useErrorText();
  const [status, setStatus] = useState('');

  if (members.isError) {
    const code = errorCodeOf(members.error);
    return (
      <div className="narrow">
        <h1>{t('cases:organisation.title')}</h1>
        <div className="notice notice-error" role="alert">
          {code === 'notAdmin' ? t('cases:organisation.notAdmin') : errorText(members.error)}
        </div>
        {code === 'signInRequired' && <Link to={signInPath}>{t('cases:signIn.title')}</Link>}
      </div>
    );
  }
  const organisation = members.data?.organisation ?? '';
  return (
    <div className="narrow">
      <h1>{t('cases:organisation.title')}</h1>
      {members.isPending && <p role="status">{t('cases:organisation.loading')}</p>}
      <p role="status" className={status ? 'notice notice-success' : 'visually-hidden'}>
        {status}
      </p>
      {members.data && (
        <>
          <p className="lead">{t('cases:organisation.lead', { organisation })}</p>
          <h2>{t('cases:organisation.membersHeading')}</h2>
          <ul className="plain-list">
            {members.data.members.map((member) => (
              <li key={member.id} className="customer-choice">
                <p>
                  <strong>{member.name}</strong> · {t(`cases:organisation.roles.${member.role}`)}
                  <br />
                  <span className="hint">{member.email}</span>
                </p>
                {member.role !== 'admin' && (
                  <RemoveMember member={member} organisation={organisation} onRemoved={(name) => setStatus(t('cases:organisation.removed', { name }))} />
                )}
              </li>
            ))}
          </ul>
          <InviteForm onInvited={(name) => setStatus(t('cases:organisation.invited', { name }))} />
        </>
      )}
    </div>
  );
}
