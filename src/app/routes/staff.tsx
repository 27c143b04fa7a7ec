import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { CustomerPage, CustomersPage, IntegrationsPage, LettersPage, LogComplaintPage, ProofPage, QueuePage, queueParamsOf, StaffCasePage, staffQueries, TeamPage } from '@/features/staff';
import { sessionQueries } from '@/features/session';
import { prefetchFirstScreen } from '@/lib/first-screen';
import { StaffRoute } from '../staff-route';

// The queue's first screen: who is signed in (the shell waits for it) and the queue's first page, asked for while
// the app boots rather than one after the other after the first render (issue 21.10, 21.11).
prefetchFirstScreen('staff', ['staff', 'cases', 'errors'], (client, _match, search) => [
  client.prefetchQuery(sessionQueries.current()),
  client.prefetchInfiniteQuery(staffQueries.queue(queueParamsOf(search))),
]);

/**
 * The staff workspace: one lazy route (`/staff/*`) for all its pages, so the customer's first bundle carries a
 * single entry for it (docs/decisions/0130-staff-workspace.md).
 */
export function Component() {
  const { t } = useTranslation('staff');
  const rest = useParams()['*'] ?? '';
  const reference = /^cases\/([^/]+)$/.exec(rest)?.[1];
  if (reference) {
    const ref = decodeURIComponent(reference);
    return <StaffRoute title={t('case.title', { reference: ref })}>{(staff, profile) => <StaffCasePage reference={ref} profile={profile} staff={staff} />}</StaffRoute>;
  }
  const customer = /^customers\/([^/]+)$/.exec(rest)?.[1];
  if (customer) return <StaffRoute title={t('customers.customerTitle')}>{(_staff, profile) => <CustomerPage id={decodeURIComponent(customer)} profile={profile} />}</StaffRoute>;
  if (rest === 'customers') return <StaffRoute title={t('customers.title')}>{(staff, profile) => <CustomersPage profile={profile} staff={staff} />}</StaffRoute>;
  if (rest === 'team') return <StaffRoute title={t('team.title')}>{(staff, profile) => <TeamPage profile={profile} staff={staff} />}</StaffRoute>;
  if (rest === 'proof') return <StaffRoute title={t('proof.title')}>{(_staff, profile) => <ProofPage profile={profile} today={new Date().toISOString().slice(0, 10)} />}</StaffRoute>;
  if (rest === 'log') return <StaffRoute title={t('log.title')}>{(_staff, profile) => <LogComplaintPage profile={profile} today={new Date().toISOString().slice(0, 10)} />}</StaffRoute>;
  if (rest === 'integrations') return <StaffRoute title={t('integrations.title')}>{(staff, profile) => <IntegrationsPage profile={profile} staff={staff} />}</StaffRoute>;
  if (rest === 'letters') return <StaffRoute title={t('letters.title')}>{(_staff, profile) => <LettersPage profile={profile} />}</StaffRoute>;
  return <StaffRoute title={t('queue.title')}>{(_staff, profile) => <QueuePage profile={profile} />}</StaffRoute>;
}
