import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { isApiError } from '@/api/client';
import type { StaffLogComplaint } from '@/api/schemas';
import { useErrorText } from '@/components/ui/api-error-text';
import { categoriesFor } from '@/domain/case-model';
import type { ProviderProfile } from '@/domain/profile-schema';
import { useLogComplaint } from '../api/staff';
import { formText } from '../lib/format';
import { staffPaths } from '../lib/paths';
import { LanguageField, TextField } from './form-fields';

/**
 * A complaint made by phone, letter or email, logged for the customer with the day it was first made: the
 * procedure's clocks and the regulator's wait count from that day (src/core/staff.ts `logComplaint`).
 */
export function LogComplaintPage({ profile, today }: { profile: ProviderProfile; today: string }) {
  const { t } = useTranslation(['staff', 'cases', 'validation', 'errors']);
  const errorText = useErrorText();
  const log = useLogComplaint();
  const navigate = useNavigate();
  const fieldErrors = log.error && isApiError(log.error) ? log.error.problem.errors ?? [] : [];
  return (
    <div className="narrow">
      <h1>{t('staff:log.title')}</h1>
      <p className="lead">{t('staff:log.lead')}</p>
      {log.isError && (
        <div className="notice notice-error" role="alert">
          <p>{errorText(log.error)}</p>
          {fieldErrors.length > 0 && (
            <ul>
              {fieldErrors.map((e) => (
                <li key={e.path}>
                  {e.path}: {t(`validation:${e.code}` as never, { defaultValue: e.code })}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const d = new FormData(e.currentTarget);
          const text = (k: string) => formText(d, k);
          const input: StaffLogComplaint = {
            kind: 'complaint',
            firstComplainedAt: new Date(`${text('firstComplainedAt')}T12:00:00Z`).toISOString(),
            receivedBy: text('receivedBy') as 'phone',
            lng: text('lng') === 'it' ? 'it' : 'en',
            aboutYou: { customerKind: 'residential', name: text('name'), email: text('email'), phone: text('phone'), replyBy: text('replyBy') === 'phone' ? 'phone' : 'email' },
            complaint: { category: text('category') as never, summary: text('summary'), whatHappened: text('whatHappened'), startedOn: text('startedOn'), outcomeWanted: text('outcomeWanted') },
            evidence: { references: [], staff: [], calls: [], emails: [], attachmentIds: [] },
          };
          log.mutate(input, { onSuccess: (answer) => void navigate(staffPaths.case(answer.case.reference)) });
        }}
      >
        <TextField id="log-first" name="firstComplainedAt" label={t('staff:log.firstComplainedAt')} type="date" max={today} className="input input-medium" />
        <div className="form-group">
          <label htmlFor="log-channel">{t('staff:log.receivedBy')}</label>
          <select id="log-channel" name="receivedBy" className="select" defaultValue="phone">
            {(['phone', 'letter', 'email'] as const).map((c) => (
              <option key={c} value={c}>
                {t(`staff:log.channels.${c}`)}
              </option>
            ))}
          </select>
        </div>
        <TextField id="log-name" name="name" label={t('staff:log.name')} autoComplete="off" />
        <TextField id="log-email" name="email" type="email" label={t('staff:log.email')} autoComplete="off" />
        <TextField id="log-phone" name="phone" type="tel" label={t('staff:log.phone')} autoComplete="off" />
        <div className="form-group">
          <label htmlFor="log-reply">{t('staff:log.replyBy')}</label>
          <select id="log-reply" name="replyBy" className="select" defaultValue="email">
            <option value="email">{t('staff:replyMethods.email')}</option>
            <option value="phone">{t('staff:replyMethods.phone')}</option>
          </select>
        </div>
        <LanguageField id="log-lng" label={t('staff:log.lng')} defaultValue="en" />
        <div className="form-group">
          <label htmlFor="log-category">{t('staff:log.category')}</label>
          <select id="log-category" name="category" className="select">
            {categoriesFor(profile.complaintsAbout).map((c) => (
              <option key={c} value={c}>
                {t(`cases:categories.${c}`)}
              </option>
            ))}
          </select>
        </div>
        <TextField id="log-summary" name="summary" label={t('staff:log.summary')} />
        <div className="form-group">
          <label htmlFor="log-what">{t('staff:log.whatHappened')}</label>
          <textarea id="log-what" name="whatHappened" className="textarea" rows={5} required />
        </div>
        <TextField id="log-started" name="startedOn" label={t('staff:log.startedOn')} type="date" max={today} className="input input-medium" />
        <div className="form-group">
          <label htmlFor="log-outcome">{t('staff:log.outcomeWanted')}</label>
          <textarea id="log-outcome" name="outcomeWanted" className="textarea" rows={3} required />
        </div>
        <button type="submit" className="button" disabled={log.isPending}>
          {t('staff:log.submit')}
        </button>
      </form>
    </div>
  );
}
