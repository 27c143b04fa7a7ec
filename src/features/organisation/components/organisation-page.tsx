import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { inviteMemberSchema, type Customer, type InviteMember, type Member, type SentInvitation, type Session } from '@/api/schemas';
import { errorCodeOf, useErrorText } from '@/components/ui/api-error-text';
import { ConfirmAction } from '@/components/ui/confirm-action';
import { ErrorSummary } from '@/components/ui/error-summary';
import { Field } from '@/components/ui/field';
import { organisationQueries, useInviteMember, useLeaveOrganisation, useRemoveMember, useRevokeInvitation } from '../api/organisation';
import { InvitationOffers } from './invitation-offers';

export interface OrganisationPageProps {
  signInPath: string;
  /** Who is signed in: undefined while it is being found out, null when nobody (or a guest). */
  customer: Customer | null | undefined;
  /** The customer joined or left an organisation: the app updates who is signed in. */
  onMembershipChanged: (session: Session | null) => void;
}

/** Remove a member, after an explicit confirmation that says what removing does. */
function RemoveMember({ member, organisation, onRemoved }: { member: Member; organisation: string; onRemoved: (name: string) => void }) {
  const { t } = useTranslation(['cases', 'errors']);
  const remove = useRemoveMember();
  const errorText = useErrorText();
  return (
    <ConfirmAction
      label={t('cases:organisation.remove', { name: member.name })}
      question={t('cases:organisation.confirmRemove', { name: member.name, organisation })}
      yes={t('cases:organisation.confirmYes')}
      busy={remove.isPending}
      error={remove.isError ? errorText(remove.error) : null}
      onConfirm={() => remove.mutate(member.id, { onSuccess: () => onRemoved(member.name) })}
    />
  );
}

/** Withdraw an invitation not yet answered. */
function RevokeInvitation({ invitation, onRevoked }: { invitation: SentInvitation; onRevoked: (name: string) => void }) {
  const { t } = useTranslation(['cases', 'errors']);
  const revoke = useRevokeInvitation();
  const errorText = useErrorText();
  return (
    <ConfirmAction
      label={t('cases:organisation.withdraw', { name: invitation.name })}
      question={t('cases:organisation.confirmWithdraw', { name: invitation.name, email: invitation.email })}
      yes={t('cases:organisation.confirmWithdrawYes')}
      busy={revoke.isPending}
      error={revoke.isError ? errorText(revoke.error) : null}
      onConfirm={() => revoke.mutate(invitation.id, { onSuccess: () => onRevoked(invitation.name) })}
    />
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
      onSuccess: (invitation) => {
        form.reset();
        onInvited(invitation.name);
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

/** A member's view: which organisation, and leaving it. */
function Membership({ customer, onLeft }: { customer: Customer; onLeft: () => void }) {
  const { t } = useTranslation(['cases', 'errors']);
  const errorText = useErrorText();
  const organisation = customer.organisation ?? '';
  const leave = useLeaveOrganisation(onLeft);
  return (
    <>
      <p className="lead">{t('cases:organisation.memberLead', { organisation })}</p>
      <ConfirmAction
        label={t('cases:organisation.leave', { organisation })}
        question={t('cases:organisation.confirmLeave', { organisation })}
        yes={t('cases:organisation.confirmLeaveYes')}
        busy={leave.isPending}
        error={leave.isError ? errorText(leave.error) : null}
        onConfirm={() => leave.mutate()}
      />
    </>
  );
}

/** An administrator's view: the members, the invitations waiting for an answer, and inviting someone. */
function Administration({ onStatus }: { onStatus: (text: string) => void }) {
  const { t, i18n } = useTranslation(['cases', 'errors']);
  const members = useQuery(organisationQueries.members());
  const errorText = useErrorText();
  if (members.isError) {
    return (
      <div className="notice notice-error" role="alert">
        {errorCodeOf(members.error) === 'notAdmin' ? t('cases:organisation.notAdmin') : errorText(members.error)}
      </div>
    );
  }
  if (!members.data) return <p role="status">{t('cases:organisation.loading')}</p>;
  const { organisation, invitations } = members.data;
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long' });
  return (
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
              <RemoveMember member={member} organisation={organisation} onRemoved={(name) => onStatus(t('cases:organisation.removed', { name }))} />
            )}
          </li>
        ))}
      </ul>
      {invitations.length > 0 && (
        <>
          <h2>{t('cases:organisation.invitationsHeading')}</h2>
          <ul className="plain-list">
            {invitations.map((invitation) => (
              <li key={invitation.id} className="customer-choice">
                <p>
                  <strong>{invitation.name}</strong> · {t('cases:organisation.roles.invited')}
                  <br />
                  <span className="hint">{invitation.email}</span>
                  <br />
                  <span className="hint">{t('cases:organisation.invitedUntil', { date: date.format(new Date(invitation.expiresAt)) })}</span>
                </p>
                <RevokeInvitation invitation={invitation} onRevoked={(name) => onStatus(t('cases:organisation.withdrawn', { name }))} />
              </li>
            ))}
          </ul>
        </>
      )}
      <InviteForm onInvited={(name) => onStatus(t('cases:organisation.invited', { name }))} />
    </>
  );
}

/**
 * "Your organisation": an administrator lists members and invitations, invites and removes; a member sees
 * which organisation and can leave; anyone else signed in answers the invitations they have (decision 0105).
 */
export function OrganisationPage({ signInPath, customer, onMembershipChanged }: OrganisationPageProps) {
  const { t } = useTranslation(['cases', 'errors']);
  const [status, setStatus] = useState('');
  const statusLine = (
    <p role="status" className={status ? 'notice notice-success' : 'visually-hidden'}>
      {status}
    </p>
  );
  let body: React.ReactNode;
  if (customer === undefined) body = <p role="status">{t('cases:organisation.loading')}</p>;
  else if (customer === null) {
    body = (
      <>
        <p>{t('cases:organisation.signInFirst')}</p>
        <Link to={signInPath}>{t('cases:signIn.title')}</Link>
      </>
    );
  } else if (customer.organisationId && customer.role === 'admin') body = <Administration onStatus={setStatus} />;
  else if (customer.organisationId) {
    const organisation = customer.organisation ?? '';
    body = (
      <Membership
        customer={customer}
        onLeft={() => {
          setStatus(t('cases:organisation.left', { organisation }));
          onMembershipChanged(null);
        }}
      />
    );
  } else {
    body = (
      <>
        <p>{t('cases:organisation.noOrganisation')}</p>
        <InvitationOffers
          onJoined={(session) => {
            setStatus(t('cases:organisation.offers.joined', { organisation: session.scope.kind === 'customer' ? (session.scope.customer.organisation ?? '') : '' }));
            onMembershipChanged(session);
          }}
        />
      </>
    );
  }
  return (
    <div className="narrow">
      <h1>{t('cases:organisation.title')}</h1>
      {statusLine}
      {body}
    </div>
  );
}
