import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Case } from '@/api/schemas';
import { adrEligibility, type Eligibility } from '@/domain/eligibility';
import type { ProviderProfile } from '@/domain/profile-schema';
import { getProfile } from '@/domain/profiles';
import { getScheme, publishedSchemeContact } from '@/domain/schemes';
import { letterContext } from '@/lib/letter-context';
import { ErrorSummary } from '@/components/ui/error-summary';
import { adrQueries, fetchAttachment, useRefer } from '../api/adr-queries';
import { formatters } from '../lib/format';
import { schemeContactRows } from '../lib/letters';
import { paths } from '@/lib/paths';
import { buildReferralPack, type ReferralPack } from '../lib/pack';
import type { PdfFile } from '../lib/pdf';
import { useDocumentT } from '../lib/use-document-t';
import { BackToCase, CaseLoader } from './case-loader';
import { errorMessage } from './messages';
import { PdfButtons } from './pdf-buttons';

/** The guided self-service referral to the provider's ADR scheme. */
export function ReferPage() {
  const { reference = '' } = useParams();
  return (
    <div className="narrow adr-page">
      <BackToCase reference={reference} />
      <CaseLoader reference={reference}>{(c, asOf) => <Referral c={c} asOf={asOf} />}</CaseLoader>
    </div>
  );
}

function Referral({ c, asOf }: { c: Case; asOf: string }) {
  const { t } = useTranslation(['adr', 'providers', 'common', 'errors']);
  const profile = getProfile(c.providerId);
  const schemeId = profile.adr.schemeId;
  const scheme = t(`providers:schemes.${schemeId}.name`);
  const provider = profile.name;
  const f = formatters(t('common:locale'), profile.timeZone);
  const eligibility = adrEligibility({ profile, case: c, now: new Date(asOf) });
  const timeline = useQuery(adrQueries.timeline(c.reference));
  const en = useDocumentT('en');
  const refer = useRefer(c.reference);
  const [confirmed, setConfirmed] = useState(false);
  const [tried, setTried] = useState(0);
  const doneRef = useRef<HTMLHeadingElement>(null);
  // Focus moves to the confirmation once both hold: this page's request succeeded and the case read since shows
  // the referral. Either can come first: the mutation's refetch of the case can be overtaken by another read of
  // it (react-query resolves a refetch that a later one cancels), so the case may show the referral only later.
  const justReferred = refer.isSuccess;
  const referred = c.referral !== null;
  useEffect(() => {
    if (justReferred && referred) doneRef.current?.focus();
  }, [justReferred, referred]);

  if (c.referral) {
    const referredScheme = t(`providers:schemes.${c.referral.schemeId}.name`);
    return (
      <>
        <div className="panel-confirmation adr-done">
          <h1 ref={doneRef} tabIndex={-1}>
            {t('adr:refer.doneTitle', { scheme: referredScheme })}
          </h1>
          <p role="status">{t('adr:refer.doneBody', { scheme: referredScheme, provider, date: f.date(c.referral.referredAt) })}</p>
        </div>
        <p>
          <Link to={paths.case(c.reference)}>{t('adr:common.back')}</Link>
        </p>
      </>
    );
  }

  if (eligibility.status !== 'eligible') return <NotEligible eligibility={eligibility} scheme={scheme} provider={provider} f={f} />;

  const pack = en && timeline.data ? buildReferralPack({ caseData: c, timeline: timeline.data.events, profile, eligibility, t: en, now: asOf }) : null;
  const getFiles = async (): Promise<PdfFile[]> =>
    Promise.all(
      (pack?.evidence.included ?? []).map(async (a) => ({ name: a.name, kind: a.kind, bytes: await fetchAttachment(c.reference, a.id) })),
    );
  const ofcomAdr = getScheme(schemeId).kind === 'ofcomAdr';
  const showError = tried > 0 && !confirmed;
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setTried((n) => n + 1);
    if (!confirmed) return;
    refer.mutate(schemeId);
  };

  return (
    <>
      <ErrorSummary errors={showError ? [{ fieldId: 'confirm', message: t('adr:refer.confirmRequired') }] : []} focusKey={tried} />
      <span className="caption">{t('adr:refer.caption', { reference: c.reference })}</span>
      <h1>{t('adr:refer.title', { scheme })}</h1>
      <p className="lead">
        {t('adr:refer.intro', { scheme, provider, context: ofcomAdr ? undefined : 'serviceReview' })}
        {ofcomAdr && ` ${t('adr:refer.free')}`}
      </p>
      {eligibility.deadlineDay && <p>{t('adr:panel.deadline', { date: f.day(eligibility.deadlineDay) })}</p>}
      {eligibility.awardCapPence !== undefined && <p className="notice notice-warning">{t('adr:panel.awardCap', { scheme, cap: f.money(eligibility.awardCapPence) })}</p>}

      <h2>{t('adr:refer.step1')}</h2>
      {!pack ? (
        timeline.isError ? (
          <p className="notice notice-error" role="alert">
            {t('adr:common.loadFailed')}
          </p>
        ) : (
          <p role="status">{t('adr:common.loading')}</p>
        )
      ) : (
        <PackSummary c={c} pack={pack} events={timeline.data?.events.length ?? 0} scheme={scheme} f={f} weeks={eligibility.weeks ?? 0} getFiles={getFiles} />
      )}

      <SchemeContact c={c} profile={profile} scheme={scheme} />

      <h2>{t('adr:refer.step4')}</h2>
      <form onSubmit={submit} noValidate>
        <div className={['form-group', showError ? 'form-group-error' : ''].filter(Boolean).join(' ')}>
          {showError && (
            <p className="field-error" id="confirm-error">
              {t('adr:refer.confirmRequired')}
            </p>
          )}
          <div className="choice">
            <input
              type="checkbox"
              id="confirm"
              checked={confirmed}
              onChange={(e) => setConfirmed(e.target.checked)}
              aria-invalid={showError ? true : undefined}
              aria-describedby={showError ? 'confirm-error' : undefined}
            />
            <label htmlFor="confirm">{t('adr:refer.confirmLabel', { scheme })}</label>
          </div>
        </div>
        {refer.isError && (
          <p className="notice notice-error" role="alert">
            {errorMessage(refer.error, t)}
          </p>
        )}
        <button type="submit" className="button" disabled={refer.isPending}>
          {refer.isPending ? t('adr:refer.submitting') : t('adr:refer.submit')}
        </button>
      </form>
    </>
  );
}

type Formats = ReturnType<typeof formatters>;

/** Why the case cannot be referred yet (and from when it can), or where else to go. */
function NotEligible({ eligibility, scheme, provider, f }: { eligibility: Exclude<Eligibility, { status: 'eligible' }>; scheme: string; provider: string; f: Formats }) {
  const { t } = useTranslation(['adr', 'providers', 'common']);
  return (
    <>
      <h1>{t('adr:refer.notEligibleTitle')}</h1>
      <p>
        {eligibility.status === 'eligibleFrom'
          ? t('adr:panel.eligibleFrom', { scheme, provider, date: f.day(eligibility.fromDay), period: t('common:clockUnits.weeks', { count: eligibility.weeks }) })
          : `${t('adr:panel.notEligible', { scheme })} ${t(`providers:notEligible.${eligibility.reason}`, {
              count: eligibility.maxEmployees ?? 0,
              period: t('common:periods.months', { count: eligibility.months ?? 0 }),
              date: eligibility.deadlineDay ? f.day(eligibility.deadlineDay) : '',
            })}`}
      </p>
      {eligibility.status === 'notEligible' && eligibility.redirect === 'ico' && <p>{t('adr:panel.ico', { ico: t('providers:redirects.ico') })}</p>}
      {eligibility.status === 'notEligible' && eligibility.route && eligibility.route.length > 0 && (
        <ul>
          {eligibility.route.map((r) => (
            <li key={r}>{t(`providers:routes.${r}`)}</li>
          ))}
        </ul>
      )}
    </>
  );
}

/** Steps 1 and 2: what the pack says (the case in brief, the evidence it carries and leaves out) and the pack to download. */
function PackSummary({ c, pack, events, scheme, f, weeks, getFiles }: { c: Case; pack: ReferralPack; events: number; scheme: string; f: Formats; weeks: number; getFiles: () => Promise<PdfFile[]> }) {
  const { t } = useTranslation(['adr', 'common']);
  const profile = getProfile(c.providerId);
  const context = letterContext(profile);
  const evidence = pack.evidence;
  const rules = evidence.fileKinds ? { kinds: evidence.fileKinds.join(', '), size: f.bytes(evidence.maxTotalBytes ?? 0) } : null;
  const letter = pack.letter;
  return (
    <>
    <dl className="summary-list adr-summary">
      <div>
        <dt>{t('adr:refer.firstComplaint')}</dt>
        <dd>{f.date(c.firstComplainedAt)}</dd>
      </div>
      <div>
        <dt>{t('adr:refer.letter', { context })}</dt>
        <dd>{letter ? t('adr:refer.letterValue', { kind: t(`adr:letterKinds.${letter.kind}`, { context }), date: f.date(letter.issuedAt) }) : t('adr:refer.noLetter', { period: t('common:clockUnits.weeks', { count: weeks }) })}</dd>
      </div>
      <div>
        <dt>{t('adr:refer.dispute')}</dt>
        <dd className="adr-own-words">{c.complaint.summary}</dd>
      </div>
      <div>
        <dt>{t('adr:refer.contacts')}</dt>
        <dd>
          {t('adr:refer.contactsValue', {
            calls: t('adr:refer.callsCount', { count: c.evidence.calls.length }),
            emails: t('adr:refer.emailsCount', { count: c.evidence.emails.length }),
            events: t('adr:refer.eventsCount', { count: events }),
          })}
        </dd>
      </div>
      <div>
        <dt>{t('adr:refer.outcome')}</dt>
        <dd className="adr-own-words">{c.complaint.outcomeWanted}</dd>
      </div>
      <div>
        <dt>{t('adr:refer.compensation')}</dt>
        <dd>{c.complaint.compensationPence !== undefined ? f.money(c.complaint.compensationPence) : t('adr:refer.noCompensation')}</dd>
      </div>
      <div>
        <dt>{t('adr:refer.evidence')}</dt>
        <dd>
          {c.attachments.length === 0
            ? t('adr:refer.filesNone')
            : t('adr:refer.filesIncluded', { count: evidence?.included.length ?? 0 })}
          {evidence && evidence.included.length > 0 && (
            <ul>
              {evidence.included.map((a) => (
                <li key={a.id}>
                  {a.name} ({f.bytes(a.size)})
                </li>
              ))}
            </ul>
          )}
        </dd>
      </div>
    </dl>
    {evidence && evidence.excluded.length > 0 && (
      <div className="notice notice-warning">
        <h3>{t('adr:refer.excludedTitle')}</h3>
        <ul>
          {evidence.excluded.map(({ attachment: a, reason }) => (
            <li key={a.id}>
              {reason === 'kind'
                ? t('adr:refer.excludedKind', { name: a.name, scheme, kind: a.kind.toUpperCase(), kinds: rules?.kinds ?? '' })
                : t('adr:refer.excludedSize', { name: a.name, scheme, size: rules?.size ?? '' })}
            </li>
          ))}
        </ul>
      </div>
    )}

    <h2>{t('adr:refer.step2')}</h2>
    <p>{t('adr:refer.englishNote', { scheme })}</p>
    <PdfButtons
      doc={pack.doc}
      filename={pack.filename}
      getFiles={getFiles}
      fileLabel={(file, i) => `${i + 1}. ${file.name}`}
      downloadLabel={t('adr:refer.download')}
      print={false}
    />
    </>
  );
}

/** Step 3: how to reach the scheme, as it (or the provider) publishes it. */
function SchemeContact({ c, profile, scheme }: { c: Case; profile: ProviderProfile; scheme: string }) {
  const { t } = useTranslation(['adr', 'providers']);
  const provider = profile.name;
  const contact = schemeContactRows(profile, t);
  const contactSource = publishedSchemeContact(profile)?.source;
  return (
    <>
      <h2>{t('adr:refer.step3', { scheme })}</h2>
      {contact.length > 0 && <p>{t('adr:refer.howWebsite', { scheme, provider, reference: c.reference, context: contactSource === 'scheme' ? 'scheme' : undefined })}</p>}
      {contact.length > 0 ? (
        <dl className="summary-list adr-summary">
          {contact.map((row) => (
            <div key={row.label}>
              <dt>{row.label}</dt>
              <dd>{row.value.startsWith('https://') ? <a href={row.value}>{row.value}</a> : row.value}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <>
          <p>{t('adr:letter.noContact', { scheme, provider })}</p>
          {profile.contact.email && <p>{t('adr:letter.askProvider', { scheme, provider, contact: profile.contact.email })}</p>}
        </>
      )}
    </>
  );
}
