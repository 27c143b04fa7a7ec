import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { inviteStaffSchema, type StaffMember } from '@/api/schemas';
import { ErrorSummary } from '@/components/ui/error-summary';
import { useErrorText } from '@/components/ui/api-error-text';
import { ConfirmAction } from '@/components/ui/confirm-action';
import type { ProviderProfile } from '@/domain/profile-schema';
import { staffQueries, useInviteStaff, useRemoveStaff } from '../api/staff';
import { formText } from '../lib/format';
import { useFormErrors } from './form-errors';
import { LanguageField, TextField } from './form-fields';
import { StaffTable } from './staff-table';

/** The provider's staff; managers invite (by email: they sign in with a code) and remove them. */
export function TeamPage({ profile, staff }: { profile: ProviderProfile; staff: StaffMember }) {
  const { t } = useTranslation(['staff', 'errors']);
  const errorText = useErrorText();
  const members = useQuery(staffQueries.members());
  const invite = useInviteStaff();
  const remove = useRemoveStaff();
  const [message, setMessage] = useState<string | null>(null);
  const manager = staff.role === 'manager';
  const inviteForm = useFormErrors({ name: { id: 'staff-name', label: t('staff:team.name') }, email: { id: 'staff-email', label: t('staff:team.email') } }, invite.error);
  return (
    <>
      <h1>{t('staff:team.title')}</h1>
      <p className="lead">{t('staff:team.lead', { provider: profile.name })}</p>
      {message && (
        <p className="notice notice-success" role="status">
          {message}
        </p>
      )}
      {members.isError && (
        <p className="notice notice-error" role="alert">
          {errorText(members.error)}
        </p>
      )}
      {members.data && (
        <StaffTable caption={t('staff:team.title')} columns={[t('staff:team.name'), t('staff:team.email'), t('staff:team.role'), manager && { hiddenLabel: t('staff:team.actions') }]}>
            {members.data.staff.map((m) => (
              <tr key={m.id}>
                <th scope="row">{m.name}</th>
                <td>{m.email}</td>
                <td>{t(`staff:roles.${m.role}`)}</td>
                {manager && (
                  <td>
                    {m.id !== staff.id &&
                      (
                        <ConfirmAction
                          label={t('staff:team.remove', { name: m.name })}
                          question={t('staff:team.confirmRemove', { name: m.name })}
                          yes={t('staff:team.confirmYes')}
                          layout="inline"
                          busy={remove.isPending && remove.variables === m.id}
                          error={remove.isError && remove.variables === m.id ? errorText(remove.error) : null}
                          onConfirm={() => remove.mutate(m.id, { onSuccess: () => setMessage(t('staff:team.removed', { name: m.name })) })}
                        />
                      )}
                  </td>
                )}
              </tr>
            ))}
          </StaffTable>
      )}
      <h2>{t('staff:team.inviteHeading')}</h2>
      {!manager ? (
        <p>{t('staff:team.managersOnly')}</p>
      ) : (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            const element = e.currentTarget;
            const data = new FormData(element);
            const input = inviteForm.check(inviteStaffSchema, { name: formText(data, 'name'), email: formText(data, 'email'), role: formText(data, 'role'), lng: formText(data, 'lng') });
            if (!input) return;
            invite.mutate(input, { onSuccess: () => (element.reset(), setMessage(t('staff:team.invited', { name: input.name }))) });
          }}
        >
          <ErrorSummary errors={inviteForm.summary} focusKey={inviteForm.focusKey} />
          {invite.isError && !inviteForm.byField && (
            <p className="notice notice-error" role="alert">
              {errorText(invite.error)}
            </p>
          )}
          <TextField {...inviteForm.field('name')} name="name" autoComplete="off" />
          <TextField {...inviteForm.field('email')} name="email" type="email" autoComplete="off" />
          <div className="form-group">
            <label htmlFor="staff-role">{t('staff:team.role')}</label>
            <select id="staff-role" name="role" className="select" defaultValue="agent">
              <option value="agent">{t('staff:roles.agent')}</option>
              <option value="manager">{t('staff:roles.manager')}</option>
            </select>
          </div>
          <LanguageField id="staff-lng" label={t('staff:team.lng')} hint={t('staff:team.lngHint')} defaultValue="en" />
          <button type="submit" className="button" disabled={invite.isPending}>
            {t('staff:team.invite')}
          </button>
        </form>
      )}
    </>
  );
}
