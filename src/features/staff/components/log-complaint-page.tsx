import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { staffLogComplaintSchema } from '@/api/schemas';
import { ErrorSummary } from '@/components/ui/error-summary';
import { Field } from '@/components/ui/field';
import { useErrorText } from '@/components/ui/api-error-text';
import { categoriesFor } from '@/domain/case-model';
import type { ProviderProfile } from '@/domain/profile-schema';
import { useLogComplaint } from '../api/staff';
import { formText } from '../lib/format';
import { staffPaths } from '../lib/paths';
import { useFormErrors } from './form-errors';
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
  const fields = {
    firstComplainedAt: { id: 'log-first', label: t('staff:log.firstComplainedAt') },
    receivedBy: { id: 'log-channel', label: t('staff:log.receivedBy') },
    'aboutYou.name': { id: 'log-name', label: t('staff:log.name') },
    'aboutYou.email': { id: 'log-email', label: t('staff:log.email') },
    'aboutYou.phone': { id: 'log-phone', label: t('staff:log.phone') },
    'aboutYou.replyBy': { id: 'log-reply', label: t('staff:log.replyBy') },
    'complaint.category': { id: 'log-category', label: t('staff:log.category') },
    'complaint.summary': { id: 'log-summary', label: t('staff:log.summary') },
    'complaint.whatHappened': { id: 'log-what', label: t('staff:log.whatHappened') },
    'complaint.startedOn': { id: 'log-started', label: t('staff:log.startedOn') },
    'complaint.outcomeWanted': { id: 'log-outcome', label: t('staff:log.outcomeWanted') },
  };
  const form = useFormErrors(fields, log.error);
  return (
    <div className="narrow">
      <h1>{t('staff:log.title')}</h1>
      <p className="lead">{t('staff:log.lead')}</p>
      <ErrorSummary errors={form.summary} focusKey={form.focusKey} />
      {log.isError && !form.byField && (
        <div className="notice notice-error" role="alert">
          <p>{errorText(log.error)}</p>
        </div>
      )}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const d = new FormData(e.currentTarget);
          const text = (k: string) => formText(d, k);
          const day = text('firstComplainedAt');
          const input = form.check(
            staffLogComplaintSchema,
            {
              kind: 'complaint',
              // Noon UTC on the day given: the same calendar day in the provider's time zone.
              firstComplainedAt: /^\d{4}-\d{2}-\d{2}$/.test(day) ? `${day}T12:00:00.000Z` : day,
              receivedBy: text('receivedBy'),
              lng: text('lng'),
              aboutYou: { customerKind: 'residential', name: text('name'), email: text('email'), phone: text('phone'), replyBy: text('replyBy') },
              complaint: { category: text('category'), summary: text('summary'), whatHappened: text('whatHappened'), startedOn: text('startedOn'), outcomeWanted: text('outcomeWanted') },
              evidence: { references: [], staff: [], calls: [], emails: [], attachmentIds: [] },
            },
            // The day first made is asked for as a date, and told as one (the schema takes a date and a time).
            (e) => (e.path === 'firstComplainedAt' ? { ...e, code: 'invalidDate' } : e),
          );
          if (!input) return;
          log.mutate(input, { onSuccess: (answer) => void navigate(staffPaths.case(answer.case.reference)) });
        }}
      >
        <TextField {...form.field('firstComplainedAt')} name="firstComplainedAt" type="date" max={today} className="input input-medium" />
        <Field {...form.field('receivedBy')}>
          <select name="receivedBy" className="select" defaultValue="phone">
            {(['phone', 'letter', 'email'] as const).map((c) => (
              <option key={c} value={c}>
                {t(`staff:log.channels.${c}`)}
              </option>
            ))}
          </select>
        </Field>
        <TextField {...form.field('aboutYou.name')} name="name" autoComplete="off" />
        <TextField {...form.field('aboutYou.email')} name="email" type="email" autoComplete="off" />
        <TextField {...form.field('aboutYou.phone')} name="phone" type="tel" autoComplete="off" />
        <Field {...form.field('aboutYou.replyBy')}>
          <select name="replyBy" className="select" defaultValue="email">
            <option value="email">{t('staff:replyMethods.email')}</option>
            <option value="phone">{t('staff:replyMethods.phone')}</option>
          </select>
        </Field>
        <LanguageField id="log-lng" label={t('staff:log.lng')} defaultValue="en" />
        <Field {...form.field('complaint.category')}>
          <select name="category" className="select">
            {categoriesFor(profile.complaintsAbout).map((c) => (
              <option key={c} value={c}>
                {t(`cases:categories.${c}`)}
              </option>
            ))}
          </select>
        </Field>
        <TextField {...form.field('complaint.summary')} name="summary" />
        <Field {...form.field('complaint.whatHappened')}>
          <textarea name="whatHappened" className="textarea" rows={5} required />
        </Field>
        <TextField {...form.field('complaint.startedOn')} name="startedOn" type="date" max={today} className="input input-medium" />
        <Field {...form.field('complaint.outcomeWanted')}>
          <textarea name="outcomeWanted" className="textarea" rows={3} required />
        </Field>
        <button type="submit" className="button" disabled={log.isPending}>
          {t('staff:log.submit')}
        </button>
      </form>
    </div>
  );
}
