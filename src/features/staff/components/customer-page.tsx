import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useErrorText } from '@/components/ui/api-error-text';
import type { ProviderProfile } from '@/domain/profile-schema';
import { stageKey } from '@/lib/provider-keys';
import { staffQueries } from '../api/staff';
import { dateFormatter } from '../lib/format';
import { staffPaths } from '../lib/paths';
import { customerRole } from './customers-page';
import { StaffTable } from './staff-table';

/** One customer as staff see them: contact details, their organisation's members and every case the customer sees. */
export function CustomerPage({ id, profile }: { id: string; profile: ProviderProfile }) {
  const { t, i18n } = useTranslation(['staff', 'cases', 'providers', 'errors']);
  const errorText = useErrorText();
  const answer = useQuery(staffQueries.customer(id));
  const date = dateFormatter(i18n.language, profile.timeZone, false);
  if (answer.isError) {
    return (
      <>
        <h1>{t('staff:customers.customerTitle')}</h1>
        <p className="notice notice-error" role="alert">
          {errorText(answer.error)}
        </p>
        <p>
          <Link to={staffPaths.customers}>{t('staff:customers.back')}</Link>
        </p>
      </>
    );
  }
  if (!answer.data) return <p role="status">{t('staff:customers.loading')}</p>;
  const { customer, cases, members } = answer.data;
  return (
    <>
      <p>
        <Link to={staffPaths.customers}>{t('staff:customers.back')}</Link>
      </p>
      <h1>{customer.name}</h1>
      <dl className="summary-list">
        <div>
          <dt>{t('staff:customers.email')}</dt>
          <dd>{customer.email}</dd>
        </div>
        {customer.phone && (
          <div>
            <dt>{t('staff:customers.phone')}</dt>
            <dd>{customer.phone}</dd>
          </div>
        )}
        {customer.organisation && (
          <div>
            <dt>{t('staff:customers.organisation')}</dt>
            <dd>{customer.organisation}</dd>
          </div>
        )}
        <div>
          <dt>{t('staff:customers.role')}</dt>
          <dd>{customerRole(customer, t)}</dd>
        </div>
      </dl>
      {members.length > 0 && (
        <>
          <h2>{t('staff:customers.membersTitle', { organisation: customer.organisation ?? '' })}</h2>
          <ul>
            {members.map((m) => (
              <li key={m.id}>
                <Link to={staffPaths.customer(m.id)}>{m.name}</Link> ({m.email}, {t(`staff:customers.roles.${m.role}`)})
              </li>
            ))}
          </ul>
        </>
      )}
      <h2 id="customer-cases">{t('staff:customers.casesTitle', { count: cases.length })}</h2>
      {cases.length === 0 ? (
        <p>{t('staff:customers.noCases')}</p>
      ) : (
        <StaffTable labelledBy="customer-cases" columns={[t('staff:customers.reference'), t('staff:customers.summary'), t('staff:customers.stage'), t('staff:customers.raisedBy'), t('staff:customers.updated')]}>
              {cases.map((c) => (
                <tr key={c.reference}>
                  <th scope="row" className="nowrap">
                    <Link to={staffPaths.case(c.reference)}>{c.reference}</Link>
                  </th>
                  <td>{c.summary}</td>
                  <td>
                    {c.kind === 'complaint' ? t(stageKey(profile.id, c.stageId, 'name')) : ''} ({t(`cases:status.${c.status}`)})
                  </td>
                  <td>{c.raisedBy?.name ?? ''}</td>
                  <td>{date(c.updatedAt)}</td>
                </tr>
              ))}
            </StaffTable>
      )}
    </>
  );
}
