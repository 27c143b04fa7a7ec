import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ReceivedInvitation, Session } from '@/api/schemas';
import { useErrorText } from '@/components/ui/api-error-text';
import { organisationQueries, useAcceptInvitation, useDeclineInvitation } from '../api/organisation';

export interface InvitationOffersProps {
  /** The customer joined: the new session (the app updates who is signed in). */
  onJoined: (session: Session) => void;
  /** Heading level of each offer (2 on a page of its own, 2 above a list too). */
  headingLevel?: 2 | 3;
}

function Offer({ invitation, onJoined, onDeclined, headingLevel }: { invitation: ReceivedInvitation; onJoined: (session: Session) => void; onDeclined: (organisation: string) => void; headingLevel: 2 | 3 }) {
  const { t, i18n } = useTranslation('cases');
  const errorText = useErrorText();
  const accept = useAcceptInvitation(onJoined);
  const decline = useDeclineInvitation();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const id = `invitation-${invitation.id}`;
  const until = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long' }).format(new Date(invitation.expiresAt));
  const values = { organisation: invitation.organisation, admin: invitation.invitedBy };
  const failed = accept.error ?? decline.error;
  return (
    <section aria-labelledby={id} className="notice invitation">
      <Heading id={id}>{t('organisation.offers.heading', values)}</Heading>
      <p>{t('organisation.offers.body', values)}</p>
      <p>{t('organisation.offers.earlier')}</p>
      <p className="hint">{t('organisation.offers.until', { date: until })}</p>
      {failed && (
        <p className="notice notice-error" role="alert">
          {errorText(failed)}
        </p>
      )}
      <button type="button" className="button" disabled={accept.isPending || decline.isPending} onClick={() => accept.mutate(invitation.id)}>
        {t('organisation.offers.accept', values)}
      </button>{' '}
      <button
        type="button"
        className="button button-secondary"
        disabled={accept.isPending || decline.isPending}
        onClick={() => decline.mutate(invitation.id, { onSuccess: () => onDeclined(invitation.organisation) })}
      >
        {t('organisation.offers.decline')}
      </button>
    </section>
  );
}

/**
 * Invitations to join an organisation waiting for the signed-in customer's answer (decision 0105): what
 * joining means, then accept or decline. Nothing when there are none.
 */
export function InvitationOffers({ onJoined, headingLevel = 2 }: InvitationOffersProps) {
  const { t } = useTranslation('cases');
  const invitations = useQuery(organisationQueries.invitations());
  const [declined, setDeclined] = useState('');
  return (
    <>
      <p role="status" className={declined ? 'notice notice-success' : 'visually-hidden'}>
        {declined ? t('organisation.offers.declined', { organisation: declined }) : ''}
      </p>
      {invitations.data?.invitations.map((invitation) => (
        <Offer key={invitation.id} invitation={invitation} onJoined={onJoined} onDeclined={setDeclined} headingLevel={headingLevel} />
      ))}
    </>
  );
}
