import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { caseClocks, clocksForCase } from '@/domain/case-clocks';
import { getProfile } from '@/domain/profiles';
import { getScheme } from '@/domain/schemes';
import type { Case } from '@/api/schemas';
import { LargeOrganisationNotice } from './about-you-step';
import { IcoNotice } from './ico-notice';
import { clockFromKey, stageKey } from '@/lib/provider-keys';

export interface ConfirmationProps {
  created: { asOf: string; case: Case };
  signedIn: boolean;
  /** The session opens this case (a customer, or the guest of this case); false after a lost answer was replayed. */
  opensCase: boolean;
  trackPath: string;
  casePath: string;
}

/** "Tuesday 22 December 2026" / "martedì 22 dicembre 2026" in the provider's time zone (no comma after the weekday). */
export function formatDueDay(date: Date, locale: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone }).formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('weekday')} ${get('day')} ${get('month')} ${get('year')}`;
}

export const formatDueTime = (date: Date, locale: string, timeZone: string) =>
  new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone }).format(date);

/** What happens next, from the provider's own clocks applied to the case the back office created. */
export function WhatHappensNext({ c, asOf }: { c: Case; asOf: string }) {
  const { t } = useTranslation(['complaint', 'providers', 'common']);
  const profile = getProfile(c.providerId);
  const locale = t('common:locale');
  const states = caseClocks(profile, c, new Date(asOf));
  const defs = clocksForCase(profile, c);
  const stageName = c.kind === 'abuseReport' ? t('complaint:confirmation.abuseStage') : t(stageKey(profile.id, c.stageId, 'name'));
  if (states.length === 0) {
    return <p>{t('complaint:confirmation.noClock', { provider: profile.name, stage: stageName })}</p>;
  }
  return (
    <ul className="due-list">
      {states.map((s) => {
        const def = defs.find((d) => d.id === s.clockId);
        const hours = s.unit === 'workingHours' || s.unit === 'calendarHours';
        // ASK4 states its times as policy ("La nostra politica prevede che …"), not as a promise: say it in its words.
        const wording = s.strength === 'commitment' && profile.commitmentsStatedAs === 'policy' ? 'policy' : s.strength;
        if (s.dueAt) {
          return (
            <li key={s.clockId}>
              {t(`complaint:confirmation.due.${wording}`, { provider: profile.name, action: t(`complaint:confirmation.actions.${s.action}`), date: hours
                  ? t('complaint:confirmation.dayAtTime', { day: formatDueDay(s.dueAt, locale, profile.timeZone), time: formatDueTime(s.dueAt, locale, profile.timeZone) })
                  : formatDueDay(s.dueAt, locale, profile.timeZone) })}
            </li>
          );
        }
        // " of the acknowledgement" / " dalla conferma di ricezione": what the clock counts from, when another clock.
        const from = def && def.from !== 'stageStart' ? ` ${t(clockFromKey(profile.id, def.from))}` : '';
        return (
          <li key={s.clockId}>
            {t(`complaint:confirmation.dueAfter.${wording}`, {
              provider: profile.name,
              action: t(`complaint:confirmation.actions.${s.action}`),
              period: t(`common:clockUnits.${s.unit}`, { count: s.amount }),
              from,
            })}
          </li>
        );
      })}
    </ul>
  );
}

export function Confirmation({ created, signedIn, opensCase, trackPath, casePath }: ConfirmationProps) {
  const { t } = useTranslation(['complaint', 'providers', 'common']);
  const c = created.case;
  const profile = getProfile(c.providerId);
  const abuse = c.kind === 'abuseReport';
  const scheme = getScheme(profile.adr.schemeId);
  return (
    <div className="narrow">
      <div className="panel-confirmation">
        <h1>{t('complaint:confirmation.title', { context: abuse ? 'abuse' : undefined })}</h1>
        <p>
          {t('complaint:confirmation.referenceIntro')}
          <br />
          <strong className="reference" data-testid="case-reference">
            {c.reference}
          </strong>
        </p>
      </div>
      <p>{t('complaint:confirmation.keepReference')}</p>
      <h2>{t('complaint:confirmation.nextHeading')}</h2>
      <WhatHappensNext c={c} asOf={created.asOf} />
      {!abuse && c.complaint.category === 'personalData' && <IcoNotice provider={profile.name} />}
      {c.aboutYou.customerKind === 'largeOrganisation' && <LargeOrganisationNotice profile={profile} />}
      {!abuse && c.aboutYou.customerKind !== 'largeOrganisation' && (
        <p>{t('complaint:confirmation.adr', { scheme: t(`providers:schemes.${scheme.id}.name`) })}</p>
      )}
      <h2>{t('complaint:confirmation.trackHeading')}</h2>
      {/* Whoever just complained has a session for this case (a guest's covers this case alone) — unless the answer
          was lost and replayed, which sets no session: then the tracking page and the emailed code open it. */}
      {opensCase && (
        <p>
          <Link to={casePath}>{t('complaint:confirmation.trackSignedIn')}</Link>
        </p>
      )}
      {!signedIn && (
        <p>
          {t('complaint:confirmation.trackGuest', { email: c.aboutYou.email })} <Link to={trackPath}>{t('complaint:confirmation.trackLink')}</Link>
        </p>
      )}
    </div>
  );
}
