import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import type { Case } from '@/api/schemas';
import { paths } from '@/lib/paths';
import { adrWaitFor, missingAdrLetter } from '@/domain/case-clocks';
import { escalationRefusal, letterRequestRefusal } from '@/domain/case-actions';
import { nextStageId } from '@/domain/cases';
import { adrEligibility, type Eligibility } from '@/domain/eligibility';
import { getProfile } from '@/domain/profiles';
import { getScheme } from '@/domain/schemes';
import { flashSchema, useRequestLetter } from '../api/adr-queries';
import { formatters, type Translate } from '../lib/format';
import { errorMessage } from './messages';
import { stageKey } from '@/lib/provider-keys';
import { letterContext } from '@/lib/letter-context';

/** Next steps on a case: escalation, deadlock letter, ADR eligibility and referral. */
export function AdrPanel({ caseData: c, asOf }: { caseData: Case; asOf: string }) {
  const { t } = useTranslation(['adr', 'providers', 'common', 'errors']);
  const navigate = useNavigate();
  const location = useLocation();
  const headingId = useId();
  const profile = getProfile(c.providerId);
  const f = formatters(t('common:locale'), profile.timeZone);
  const now = new Date(asOf);
  const provider = profile.name;
  const schemeId = profile.adr.schemeId;
  const scheme = t(`providers:schemes.${schemeId}.name`);
  const stageName = (id: string) => t(stageKey(profile.id, id, 'name'));
  const next = nextStageId(profile, c.stageId);
  // The back office's own rules (domain/case-actions.ts): shown here exactly as it will answer.
  const escalation = escalationRefusal(profile, c);
  const canEscalate = escalation === null;
  // Miso's attempts 2 and 3: the provider moves the complaint itself; the customer has nothing to ask for.
  const providerMoves = escalation === 'providerMoves';
  const closed = c.status === 'resolved' || c.status === 'closed';
  const context = letterContext(profile);
  const deadlock = c.letters.find((l) => l.kind === 'deadlock');
  // The Independent Assessor follows the final response of the last stage, not a deadlock letter at any stage.
  const finalResponseOnly = getScheme(schemeId).kind !== 'ofcomAdr';
  const finalStage = profile.stages.at(-1)!;
  const atFinalStage = c.stageId === finalStage.id;
  const deadlockRefusal = letterRequestRefusal(profile, c, 'deadlock', now);
  const canAskDeadlock = !deadlock && deadlockRefusal === null;
  const wait = adrWaitFor(c, profile);
  const missing = c.kind === 'complaint' && !c.referral && missingAdrLetter(c, now, profile);
  const eligibility = adrEligibility({ profile, case: c, now });
  const ask = useRequestLetter(c.reference);
  const flash = flashSchema.safeParse(location.state).data?.adrFlash;

  const askLetter = (kind: 'deadlock' | 'adr') =>
    ask.mutate(kind, {
      onSuccess: (letter) => void navigate(paths.letter(c.reference, letter.id)),
    });

  if (c.kind !== 'complaint') return null;

  return (
    <section className="adr-panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('adr:panel.title')}</h2>
      <div role="status" className="adr-flash">
        {flash?.kind === 'escalated' && (
          <p className="notice notice-success">
            {t('adr:panel.flashEscalated', {
              stage: stageName(flash.stageId),
              provider,
              context: profile.stages.find((s) => s.id === flash.stageId)?.escalation?.method === 'letter' ? 'letter' : undefined,
            })}
          </p>
        )}
        {flash?.kind === 'referred' && <p className="notice notice-success">{t('adr:panel.flashReferred', { scheme })}</p>}
      </div>

      {missing && (
        <div className="notice notice-warning adr-missing">
          <h3>{t('adr:panel.missingTitle', { provider })}</h3>
          <p>{t('adr:panel.missingBody', { provider, scheme, date: f.date(c.firstComplainedAt), period: t('common:clockUnits.weeks', { count: wait?.weeks ?? 0 }) })}</p>
          <button type="button" className="button button-secondary" onClick={() => askLetter('adr')} disabled={ask.isPending}>
            {ask.isPending ? t('adr:panel.letterAsking') : t('adr:panel.missingAction')}
          </button>
        </div>
      )}

      <h3>{t('adr:panel.escalateTitle')}</h3>
      <p>{t('adr:panel.stage', { stage: stageName(c.stageId) })}</p>
      {canEscalate && next ? (
        <>
          <p>{t('adr:panel.escalateBody', { provider, stage: stageName(next) })}</p>
          <p>
            <Link className="button button-secondary" to={paths.escalate(c.reference)}>
              {t('adr:panel.escalateAction', { stage: stageName(next) })}
            </Link>
          </p>
        </>
      ) : !next ? (
        <p>{t('adr:panel.lastStage', { provider })}</p>
      ) : providerMoves ? (
        <p>{t('adr:panel.providerMoves', { provider, stage: stageName(next) })}</p>
      ) : (
        <p>{t(escalation === 'referred' ? 'adr:panel.noEscalationReferred' : escalation === 'deadlock' ? 'adr:panel.noEscalationDeadlock' : 'adr:panel.noEscalationClosed', { provider, scheme, context })}</p>
      )}

      <h3>{t(finalResponseOnly ? 'adr:panel.finalResponseTitle' : 'adr:panel.letterTitle')}</h3>
      {finalResponseOnly && !deadlock && (
        <p>
          {t(atFinalStage ? 'adr:panel.finalResponseBody' : 'adr:panel.finalResponseLater', { provider, scheme, stage: stageName(finalStage.id) })}
        </p>
      )}
      {c.letters.length > 0 && (
        <ul className="plain-list">
          {c.letters.map((l) => (
            <li key={l.id}>
              <Link to={paths.letter(c.reference, l.id)}>
                {t('adr:panel.letterView', { kind: t(`adr:letterKinds.${l.kind}`, { context }), date: f.date(l.issuedAt) })}
              </Link>
            </li>
          ))}
        </ul>
      )}
      {canAskDeadlock && (
        <>
          {!finalResponseOnly && <p>{t('adr:panel.letterBody', { provider, scheme })}</p>}
          {!missing && (
            <button type="button" className="button button-secondary" onClick={() => askLetter('deadlock')} disabled={ask.isPending}>
              {ask.isPending ? t('adr:panel.letterAsking') : t(finalResponseOnly ? 'adr:panel.finalResponseAction' : 'adr:panel.letterAction')}
            </button>
          )}
        </>
      )}
      {deadlockRefusal === 'deadlockLater' && !deadlock && !closed && !c.referral && (
        <p>{t('adr:panel.letterLater', { provider, stage: stageName(finalStage.id) })}</p>
      )}
      {ask.isError && (
        <p className="notice notice-error" role="alert">
          {errorMessage(ask.error, t)}
        </p>
      )}

      <h3>{t('adr:panel.eligibilityTitle', { scheme })}</h3>
      <EligibilityText eligibility={eligibility} c={c} t={t} provider={provider} scheme={scheme} f={f} />
      {profile.adr.alsoNamed?.map((id) => (
        <p key={id}>
          {t('adr:panel.alsoNamed', { provider, name: t(`providers:schemes.${id}.name`), description: t(`providers:schemes.${id}.description`) })}
        </p>
      ))}
    </section>
  );
}

function EligibilityText({
  eligibility: e,
  c,
  t,
  provider,
  scheme,
  f,
}: {
  eligibility: Eligibility;
  c: Case;
  t: Translate;
  provider: string;
  scheme: string;
  f: ReturnType<typeof formatters>;
}) {
  if (e.status === 'eligible') {
    return (
      <>
        <p className="adr-eligible">
          <strong className="tag tag-met">{scheme}</strong> {t(
            e.basis === 'wait' ? 'adr:panel.eligibleWeeks' : e.scheme.kind === 'ofcomAdr' ? 'adr:panel.eligibleLetter' : 'adr:panel.eligibleFinal',
            { scheme, provider, period: t('common:clockUnits.weeks', { count: e.weeks ?? 0 }) },
          )}
          {e.deadlineDay ? ` ${t('adr:panel.deadline', { date: f.day(e.deadlineDay) })}` : ''}
        </p>
        {e.awardCapPence !== undefined && <p className="notice notice-warning">{t('adr:panel.awardCap', { scheme, cap: f.money(e.awardCapPence) })}</p>}
        <p>
          <Link className="button" to={paths.refer(c.reference)}>
            {t('adr:panel.referAction', { scheme })}
          </Link>
        </p>
      </>
    );
  }
  if (e.status === 'eligibleFrom') {
    return (
      <>
        <p>{t('adr:panel.eligibleFrom', { scheme, provider, date: f.day(e.fromDay), period: t('common:clockUnits.weeks', { count: e.weeks }) })}</p>
        {e.awardCapPence !== undefined && <p className="notice notice-warning">{t('adr:panel.awardCap', { scheme, cap: f.money(e.awardCapPence) })}</p>}
      </>
    );
  }
  if (e.reason === 'alreadyReferred' && c.referral) {
    return <p className="notice notice-success">{t('adr:panel.referred', { scheme: t(`providers:schemes.${c.referral.schemeId}.name`), date: f.date(c.referral.referredAt) })}</p>;
  }
  return (
    <>
      <p>
        {t('adr:panel.notEligible', { scheme })}{' '}
        {t(`providers:notEligible.${e.reason}`, {
          count: e.maxEmployees ?? 0,
          period: t('common:periods.months', { count: e.months ?? 0 }),
          date: e.deadlineDay ? f.day(e.deadlineDay) : '',
        })}
      </p>
      {e.subject && <p>{t('adr:panel.subject', { subject: t(`providers:subjects.${e.subject}`) })}</p>}
      {e.redirect === 'ico' && <p>{t('adr:panel.ico', { ico: t('providers:redirects.ico') })}</p>}
      {e.route && e.route.length > 0 && (
        <>
          <p>{t('adr:panel.routes')}</p>
          <ul>
            {e.route.map((r) => (
              <li key={r}>{t(`providers:routes.${r}`)}</li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
