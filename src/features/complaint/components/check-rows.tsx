import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { partsToInstant, partsToIsoDate } from '@/components/ui/date-parts';
import { asksForAccountNumber } from '@/domain/case-model';
import type { ProviderProfile } from '@/domain/profile-schema';
import type { Draft } from '../model/draft';
import { parseAmountToPence } from '../model/form';
import type { StepId } from '../model/steps';
import { formatBytes } from './files-section';

/** The steps that ask questions (the check step is where their problems are listed). */
export type QuestionStep = Exclude<StepId, 'check'>;

/** One answer on the check page: what was asked, what was answered, and where to change it. */
export interface Row {
  key: string;
  label: string;
  value: ReactNode;
  step: QuestionStep;
  /** The field to land on after following the change link. */
  field?: string;
}

/** The draft's answers as the check page lists them, step by step, each in the reader's language and format. */
export function useCheckRows(draft: Draft, profile: ProviderProfile): { about: Row[]; complaint: Row[]; evidence: Row[] } {
  const { t } = useTranslation(['complaint', 'common']);
  const locale = t('common:locale');
  const a = draft.aboutYou;
  const c = draft.complaint;
  const e = draft.evidence;
  const tz = profile.timeZone;
  const abuse = draft.kind === 'abuseReport';
  const dash = t('complaint:check.notGiven');
  const dateFmt = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  const dateTimeFmt = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: tz });
  const showDate = (parts: typeof c.startedOn) => {
    const iso = partsToIsoDate(parts);
    return iso ? dateFmt.format(new Date(`${iso}T00:00:00Z`)) : dash;
  };
  const showInstant = (parts: typeof c.startedOn) => {
    const iso = partsToInstant(parts, tz);
    return iso ? dateTimeFmt.format(new Date(iso)) : dash;
  };
  const multiline = (s: string) => (s.trim() ? <span className="prewrap">{s.trim()}</span> : dash);
  const pence = parseAmountToPence(c.compensationPence);
  const money = (p: number | undefined) =>
    p === undefined || Number.isNaN(p) ? dash : new Intl.NumberFormat(locale, { style: 'currency', currency: 'GBP' }).format(p / 100);

  const about: Row[] = [
    {
      key: 'customerKind',
      label: t('complaint:aboutYou.customerKind.legend'),
      value: a.customerKind
        ? [t(`complaint:aboutYou.customerKind.${a.customerKind}`), a.customerKind === 'business' && a.employees ? t('complaint:check.employees', { count: Number(a.employees) || 0 }) : null, a.customerKind !== 'residential' ? a.organisation : null]
            .filter(Boolean)
            .join(', ')
        : dash,
      step: 'about-you',
      field: 'f-customerKind',
    },
    { key: 'name', label: t('complaint:aboutYou.name.label'), value: a.name || dash, step: 'about-you', field: 'f-name' },
    ...(asksForAccountNumber(profile.complaintsAbout)
      ? [{ key: 'accountNumber', label: t('complaint:aboutYou.accountNumber.label'), value: a.accountNumber || dash, step: 'about-you' as const, field: 'f-accountNumber' }]
      : []),
    { key: 'email', label: t('complaint:aboutYou.email.label'), value: a.email || dash, step: 'about-you', field: 'f-email' },
    { key: 'phone', label: t('complaint:aboutYou.phone.label'), value: a.phone || dash, step: 'about-you', field: 'f-phone' },
    { key: 'replyBy', label: t('complaint:aboutYou.replyBy.legend'), value: a.replyBy ? t(`complaint:aboutYou.replyBy.${a.replyBy}`) : dash, step: 'about-you', field: 'f-replyBy' },
    {
      key: 'address',
      label: t('complaint:aboutYou.address.legend'),
      value: [a.address.line1, a.address.line2, a.address.town, a.address.postcode].some((s) => s.trim()) ? (
        <span className="prewrap">{[a.address.line1, a.address.line2, a.address.town, a.address.postcode].filter((s) => s.trim()).join('\n')}</span>
      ) : (
        dash
      ),
      step: 'about-you',
      field: 'f-address-line1',
    },
    { key: 'supportNeeds', label: t('complaint:aboutYou.supportNeeds.label'), value: multiline(a.supportNeeds), step: 'about-you', field: 'f-supportNeeds' },
    {
      key: 'representative',
      label: t('complaint:aboutYou.representative.legend'),
      value: a.hasRepresentative === 'yes' ? `${a.representative.name} (${a.representative.relationship})` : t('complaint:no'),
      step: 'about-you',
      field: 'f-hasRepresentative',
    },
  ];
  const complaint: Row[] = [
    ...(abuse ? [] : [{ key: 'category', label: t('complaint:details.category.label'), value: c.category ? t(`complaint:categories.${c.category}`) : dash, step: 'complaint' as const, field: 'f-category' }]),
    { key: 'summary', label: t('complaint:details.summary.label', { context: abuse ? 'abuse' : undefined }), value: c.summary || dash, step: 'complaint', field: 'f-summary' },
    { key: 'whatHappened', label: t('complaint:details.whatHappened.label', { context: abuse ? 'abuse' : undefined }), value: multiline(c.whatHappened), step: 'complaint', field: 'f-whatHappened' },
    { key: 'startedOn', label: t('complaint:details.startedOn.label'), value: showDate(c.startedOn), step: 'complaint', field: 'f-startedOn-day' },
    { key: 'outcomeWanted', label: t('complaint:details.outcomeWanted.label'), value: multiline(c.outcomeWanted), step: 'complaint', field: 'f-outcomeWanted' },
    ...(abuse ? [] : [{ key: 'compensation', label: t('complaint:details.compensationPence.label'), value: money(pence), step: 'complaint' as const, field: 'f-compensationPence' }]),
    ...(!abuse && profile.earlierComplaintOutsidePortal
      ? [
          { key: 'firstComplainedAt', label: t('complaint:details.firstComplainedAt.label'), value: showDate(c.firstComplainedAt), step: 'complaint' as const, field: 'f-firstComplainedAt-day' },
          { key: 'firstReference', label: t('complaint:details.firstReference.label'), value: c.firstReference || dash, step: 'complaint' as const, field: 'f-firstReference' },
        ]
      : []),
  ];
  const list = (items: ReactNode[]) => (items.length ? <ul className="plain-list">{items}</ul> : dash);
  const evidence: Row[] = [
    { key: 'references', label: t('complaint:evidence.references.heading'), value: list(e.references.map((r, i) => <li key={i}>{r.reference}{r.note ? ` – ${r.note}` : ''}</li>)), step: 'evidence', field: 'evidence-references-heading' },
    { key: 'staff', label: t('complaint:evidence.staff.heading'), value: list(e.staff.map((s, i) => <li key={i}>{s.name}{s.team ? ` (${s.team})` : ''}</li>)), step: 'evidence', field: 'evidence-staff-heading' },
    {
      key: 'calls',
      label: t('complaint:evidence.calls.heading'),
      value: list(
        e.calls.map((call, i) => (
          <li key={i}>
            {t('complaint:check.call', { when: showInstant(call.at), number: call.fromNumber, who: call.spokeTo || t('complaint:check.unknownPerson') })}
            <br />
            <span className="prewrap">{call.whatWasSaid}</span>
          </li>
        )),
      ),
      step: 'evidence',
      field: 'evidence-calls-heading',
    },
    {
      key: 'emails',
      label: t('complaint:evidence.emails.heading'),
      value: list(e.emails.map((m, i) => <li key={i}>{t('complaint:check.email', { when: showInstant(m.sentAt), to: m.toAddress, subject: m.subject })}</li>)),
      step: 'evidence',
      field: 'evidence-emails-heading',
    },
    {
      key: 'files',
      label: t('complaint:files.heading'),
      value: list(draft.attachments.map((f) => <li key={f.id}>{f.name} ({formatBytes(f.size, locale)})</li>)),
      step: 'evidence',
      field: 'f-files',
    },
  ];
  return { about, complaint, evidence };
}
