import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { staffCreateOrganisationSchema, type StaffCustomer, type StaffMember } from '@/api/schemas';
import { ErrorSummary } from '@/components/ui/error-summary';
import { useErrorText } from '@/components/ui/api-error-text';
import type { ProviderProfile } from '@/domain/profile-schema';
import { staffQueries, useCreateOrganisation } from '../api/staff';
import { dateFormatter, formText } from '../lib/format';
import { staffPaths } from '../lib/paths';
import { useFormErrors } from './form-errors';
import { LanguageField, TextField } from './form-fields';
import { StaffTable } from './staff-table';

/** Who the customer is in their organisation, or what kind of customer they are. */
export function customerRole(c: StaffCustomer, t: ReturnType<typeof useTranslation<'staff'>>['t']): string {
  if (c.role) return t(`customers.roles.${c.role}`);
  return t(`proof.customerKinds.${c.kind}`);
}

/**
 * Organisations and customers (issue 23.5): staff find a customer by name, email or organisation (the search lives
 * in the address, so it survives a reload) and open their cases; a manager creates a business customer by inviting
 * its administrator, who joins only by accepting once signed in.
 */
export function CustomersPage({ profile, staff }: { profile: ProviderProfile; staff: StaffMember }) {
  const { t, i18n } = useTranslation(['staff', 'errors']);
  const errorText = useErrorText();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const found = useQuery(staffQueries.customers(q));
  const create = useCreateOrganisation();
  const createForm = useFormErrors(
    {
      organisation: { id: 'org-name', label: t('staff:customers.organisation') },
      name: { id: 'org-admin-name', label: t('staff:customers.adminName') },
      email: { id: 'org-admin-email', label: t('staff:customers.adminEmail') },
    },
    create.error,
  );
  const [message, setMessage] = useState<string | null>(null);
  const date = dateFormatter(i18n.language, profile.timeZone, false);
  const manager = staff.role === 'manager';
  return (
    <>
      <h1>{t('staff:customers.title')}</h1>
      <p className="lead">{t('staff:customers.lead', { provider: profile.name })}</p>
      {message && (
        <p className="notice notice-success" role="status">
          {message}
        </p>
      )}
      <form
        role="search"
        aria-label={t('staff:customers.searchLabel')}
        onSubmit={(e) => {
          e.preventDefault();
          const next = formText(new FormData(e.currentTarget), 'q');
          setParams(next ? { q: next } : {});
        }}
      >
        <div className="form-group">
          <label htmlFor="customer-q">{t('staff:customers.searchLabel')}</label>
          <p className="field-hint" id="customer-q-hint">
            {t('staff:customers.searchHint')}
          </p>
          <input id="customer-q" name="q" type="search" className="input" defaultValue={q} key={q} aria-describedby="customer-q-hint" autoComplete="off" />
        </div>
        <button type="submit" className="button button-secondary">
          {t('staff:customers.search')}
        </button>
      </form>
      {found.isError && (
        <p className="notice notice-error" role="alert">
          {errorText(found.error)}
        </p>
      )}
      {found.data && (
        <>
          <h2 id="customers-found">{q ? t('staff:customers.foundFor', { q, count: found.data.customers.length }) : t('staff:customers.all', { count: found.data.customers.length })}</h2>
          {found.data.customers.length === 0 ? (
            <p>{t('staff:customers.none')}</p>
          ) : (
            <StaffTable labelledBy="customers-found" columns={[t('staff:customers.name'), t('staff:customers.email'), t('staff:customers.organisation'), t('staff:customers.role')]}>
                  {found.data.customers.map((c) => (
                    <tr key={c.id}>
                      <th scope="row">
                        <Link to={staffPaths.customer(c.id)}>{c.name}</Link>
                      </th>
                      <td className="queue-email">{c.email}</td>
                      <td>{c.organisation ?? ''}</td>
                      <td>{customerRole(c, t)}</td>
                    </tr>
                  ))}
                </StaffTable>
          )}
          {found.data.more && <p className="hint">{t('staff:customers.more')}</p>}
          {found.data.pendingOrganisations.length > 0 && (
            <>
              <h2 id="customers-pending">{t('staff:customers.pendingTitle')}</h2>
              <p>{t('staff:customers.pendingLead')}</p>
              <StaffTable labelledBy="customers-pending" columns={[t('staff:customers.organisation'), t('staff:customers.administrator'), t('staff:customers.invitedBy'), t('staff:customers.expires')]}>
                    {found.data.pendingOrganisations.map((p) => (
                      <tr key={p.organisationId}>
                        <th scope="row">{p.organisation}</th>
                        <td>
                          {p.name}
                          <br />
                          <span className="hint queue-email">{p.email}</span>
                        </td>
                        <td>{p.invitedBy}</td>
                        <td>{date(p.expiresAt)}</td>
                      </tr>
                    ))}
                  </StaffTable>
            </>
          )}
        </>
      )}
      <h2>{t('staff:customers.createTitle')}</h2>
      {!manager ? (
        <p>{t('staff:customers.managersOnly')}</p>
      ) : (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            const element = e.currentTarget;
            const data = new FormData(element);
            const input = createForm.check(staffCreateOrganisationSchema, { organisation: formText(data, 'organisation'), name: formText(data, 'name'), email: formText(data, 'email'), lng: formText(data, 'lng') });
            if (!input) return;
            create.mutate(input, { onSuccess: () => (element.reset(), setMessage(t('staff:customers.created', { organisation: input.organisation, name: input.name }))) });
          }}
        >
          <p>{t('staff:customers.createLead')}</p>
          <ErrorSummary errors={createForm.summary} focusKey={createForm.focusKey} />
          {create.isError && !createForm.byField && (
            <p className="notice notice-error" role="alert">
              {errorText(create.error)}
            </p>
          )}
          <TextField {...createForm.field('organisation')} name="organisation" autoComplete="off" />
          <TextField {...createForm.field('name')} name="name" autoComplete="off" />
          <TextField {...createForm.field('email')} name="email" type="email" autoComplete="off" />
          <LanguageField id="org-lng" label={t('staff:customers.lng')} hint={t('staff:customers.lngHint')} defaultValue={i18n.language === 'it' ? 'it' : 'en'} />
          <button type="submit" className="button" disabled={create.isPending}>
            {t('staff:customers.create')}
          </button>
        </form>
      )}
    </>
  );
}
