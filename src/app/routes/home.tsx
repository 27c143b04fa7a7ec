import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { getProfile } from '@/domain/profiles';
import { getScheme, previousRuleSet, publishedSchemeContact, schemeRulesAt } from '@/domain/schemes';
import type { Clock, ProviderId, ProviderProfile } from '@/domain/profile-schema';
import { useProviderId } from '@/lib/provider';
import { paths } from '@/lib/paths';
import { usePageTitle } from '@/app/layout/page-title';
import { formatList } from '@/lib/i18n';
import { clockPeriods } from '@/lib/clock-periods';
import { clockFromKey, clockKey, noteKey, stageKey } from '@/lib/provider-keys';

function ClockLine({ providerId, clock }: { providerId: ProviderId; clock: Clock }) {
  const { t } = useTranslation(['common', 'providers']);
  const period = t(`common:clockUnits.${clock.unit}`, { count: clock.amount });
  const from = clock.from === 'stageStart' ? '' : t('common:procedure.fromClock', { clock: t(clockFromKey(providerId, clock.from)) });
  return (
    <li>
      {t(clock.strength === 'aim' ? 'common:procedure.clockAim' : 'common:procedure.clockCommitment', {
        what: t(clockKey(providerId, clock.id)),
        period,
        from,
      })}
    </li>
  );
}

function ContactList({ contact }: { contact: ProviderProfile['contact'] }) {
  const { t } = useTranslation('common');
  return (
    <ul className="plain-list contact-list">
      {contact.website && (
        <li>
          {t('footer.website')} <a href={contact.website}>{new URL(contact.website).host}</a>
        </li>
      )}
      {contact.email && (
        <li>
          {t('footer.email')} <a href={`mailto:${contact.email}`}>{contact.email}</a>
        </li>
      )}
      {contact.phone && <li>{t('footer.phone')} {contact.phone}</li>}
      {contact.textphone && <li>{t('footer.textphone')} {contact.textphone}</li>}
      {contact.address && (
        <li>
          {t('footer.post')} <address>{contact.address.join(', ')}</address>
        </li>
      )}
    </ul>
  );
}

/** The ADR step: the scheme's rules in force today, and the provider's own older wording beside them. */
function AdrRules({ profile }: { profile: ProviderProfile }) {
  const { t } = useTranslation(['common', 'providers']);
  const scheme = getScheme(profile.adr.schemeId);
  const schemeName = t(`providers:schemes.${scheme.id}.name`);
  // The rules in force today; a complaint keeps the wait that applied when it was reached (docs/decisions/0060-dated-adr-rules.md).
  const rules = schemeRulesAt(scheme, new Date(), profile.timeZone);
  const before = previousRuleSet(scheme, rules);
  const weeks = (n: number) => t('common:clockUnits.weeks', { count: n });
  const day = (d: string) => new Intl.DateTimeFormat(t('common:locale'), { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${d}T00:00:00Z`));
  if (scheme.kind !== 'ofcomAdr') {
    return (
      <>
        <p>{t('common:procedure.assessorWhen', { stage: t(stageKey(profile.id, profile.stages.at(-1)?.id ?? '', 'name')), scheme: schemeName })}</p>
      </>
    );
  }
  const published = profile.adr.publishedWait;
  return (
    <>
      <ul>
        {rules.waitWeeks !== null && (
          <li>
            {t('common:procedure.adrWhen', { period: weeks(rules.waitWeeks) })}
            {before?.waitWeeks && rules.effectiveFrom && (
              <> {t('common:procedure.adrRuleSince', { date: day(rules.effectiveFrom), previous: weeks(before.waitWeeks) })}</>
            )}
          </li>
        )}
        {rules.timeLimit && <li>{t('common:procedure.adrWithin', { period: t('common:periods.months', { count: rules.timeLimit.months }) })}</li>}
        {rules.maxEmployees && <li>{t('common:procedure.adrWho', { count: rules.maxEmployees })}</li>}
        {rules.claimCapPence && (
          <li>
            {t('common:procedure.adrCap', {
              amount: new Intl.NumberFormat(t('common:locale'), { style: 'currency', currency: 'GBP', maximumFractionDigits: 0 }).format(rules.claimCapPence / 100),
            })}
          </li>
        )}
      </ul>
      {published && rules.waitWeeks !== null && published.weeks > rules.waitWeeks && rules.effectiveFrom && (
        <div className="published-wait">
          <p>{t('common:procedure.publishedWaitIntro', { provider: profile.name })}</p>
          <blockquote lang={profile.procedureLanguage}>{published.source}</blockquote>
          <p>{t('common:procedure.publishedWaitNow', { date: day(rules.effectiveFrom), period: weeks(rules.waitWeeks), scheme: schemeName })}</p>
        </div>
      )}
    </>
  );
}

/** The provider's own procedure, rendered step by step from its profile (GOV.UK step-by-step style). */
function Procedure({ profile }: { profile: ProviderProfile }) {
  const { t } = useTranslation(['common', 'providers']);
  const scheme = getScheme(profile.adr.schemeId);
  const entryIndex = profile.stages.findIndex((s) => s.id === profile.entryStageId);
  // A procedure that names its stages without numbers ("First stage", "Second Stage") is shown without them.
  const numbered = !profile.unnumberedSteps;
  const numberOf = (i: number) => profile.stages[i]?.number ?? i + 1;
  // Miso's fifth step is "Deadlock": its letter is a numbered step of its own, and the ombudsman is not numbered.
  const letterStep = profile.finalLetter?.step;
  const adrNumber = letterStep ? undefined : (profile.adr.number ?? profile.stages.length + 1);
  const schemeName = t(`providers:schemes.${scheme.id}.name`);
  const published = publishedSchemeContact(profile);
  return (
    <section aria-labelledby="procedure-heading" className="procedure">
      <h2 id="procedure-heading">{t('common:procedure.title', { provider: profile.name })}</h2>
      <ol className="step-by-step">
        {profile.stages.map((stage, i) => (
          <li key={stage.id} className="step">
            <h3 className="step-title">
              {numbered ? (
                <>
                  <span className="step-number" aria-hidden="true">
                    {numberOf(i)}
                  </span>
                  <span className="visually-hidden">{t('common:procedure.step', { number: numberOf(i) })}: </span>
                </>
              ) : (
                <span className="step-number" aria-hidden="true" />
              )}
              {t(stageKey(profile.id, stage.id, 'name'))}
            </h3>
            <div className="step-body">
              <p className="step-handler">
                {t('common:procedure.handledBy', { who: t(stageKey(profile.id, stage.id, 'handler')) })}
              </p>
              <p>{t(stageKey(profile.id, stage.id, 'description'), { replace: clockPeriods(stage.clocks, t) })}</p>
              {/* A stage the form itself carries out says so in its description (providers:<id>.stages.<id>.description). */}
              {i < entryIndex && !stage.doneBySubmission && <p className="hint">{t('common:procedure.outsidePortal')}</p>}
              {i === entryIndex && <p className="hint">{t('common:procedure.portalStartsHere')}</p>}
              {i > entryIndex && (
                <p className="hint">{t(`common:procedure.escalateBy.${stage.escalation?.method ?? 'unstated'}`, { provider: profile.name })}</p>
              )}
              {stage.clocks.length > 0 && (
                <ul className="clock-list">
                  {stage.clocks.map((clock) => (
                    <ClockLine key={clock.id} providerId={profile.id} clock={clock} />
                  ))}
                </ul>
              )}
            </div>
          </li>
        ))}
        {letterStep && (
          <li className="step">
            <h3 className="step-title">
              <span className="step-number" aria-hidden="true">
                {letterStep}
              </span>
              <span className="visually-hidden">{t('common:procedure.step', { number: letterStep })}: </span>
              {t('common:procedure.deadlockStep')}
            </h3>
            <div className="step-body">
              <p>{t('common:procedure.deadlockStepBody', { provider: profile.name })}</p>
            </div>
          </li>
        )}
        <li className="step">
          <h3 className="step-title">
            {numbered && adrNumber !== undefined ? (
              <>
                <span className="step-number" aria-hidden="true">
                  {adrNumber}
                </span>
                <span className="visually-hidden">{t('common:procedure.step', { number: adrNumber })}: </span>
              </>
            ) : (
              <span className="step-number" aria-hidden="true" />
            )}
            {t('common:procedure.adrTitle', { scheme: schemeName })}
          </h3>
          <div className="step-body">
            <p>{t(`providers:schemes.${scheme.id}.description`)}</p>
            <AdrRules profile={profile} />
            {/* A scheme's contact details only with their real source: the provider's own procedure, the scheme's own site, or none. */}
            <p className="hint">
              {published?.source === 'procedure'
                ? t('common:procedure.contactAsPublished', { provider: profile.name })
                : published?.source === 'scheme'
                  ? t('common:procedure.contactFromScheme', { scheme: schemeName })
                  : t('common:procedure.contactNone', { provider: profile.name, scheme: schemeName })}
            </p>
            {published && <ContactList contact={published.contact} />}
            {(profile.adr.alsoNamed ?? []).map((other) => (
              <p key={other}>{t('common:procedure.alsoNamed', { name: t(`providers:schemes.${other}.name`), description: t(`providers:schemes.${other}.description`) })}</p>
            ))}
            {(profile.largeCustomerRoute ?? []).length > 0 && (
              <p>
                {t('common:procedure.largeOrganisations', {
                  routes: formatList(
                    (profile.largeCustomerRoute ?? []).map((r) => t(`providers:routesInText.${r}`)),
                    'or',
                  ),
                })}
              </p>
            )}
          </div>
        </li>
      </ol>
      {(profile.notes ?? []).length > 0 && (
        <section aria-labelledby="notes-heading" className="procedure-notes">
          <h3 id="notes-heading">{t('common:procedure.notesTitle', { provider: profile.name })}</h3>
          <ul>
            {(profile.notes ?? []).map((note) => (
              <li key={note.id}>{t(noteKey(profile.id, note.id), { replace: note.values ?? {} })}</li>
            ))}
          </ul>
        </section>
      )}
      {(profile.otherPromises ?? []).map((promise) => (
        <div key={promise.kind} className="inset">
          <h3>{t(`common:promises.${promise.kind}.title`)}</h3>
          <p>
            {t(`common:promises.${promise.kind}.body`, {
              period: t(`common:clockUnits.${promise.clocks[0]?.unit ?? 'workingDays'}`, { count: promise.clocks[0]?.amount ?? 0 }),
              email: promise.contact.email ?? '',
            })}
          </p>
          <p>
            <Link to={`${paths.newComplaint}?kind=abuseReport`}>{t(`common:promises.${promise.kind}.link`)}</Link>
          </p>
        </div>
      ))}
    </section>
  );
}

export function Component() {
  const { t } = useTranslation('common');
  const profile = getProfile(useProviderId());
  usePageTitle(t('home.title'));
  // The Communications Ombudsman's procedure is about its own service: no bill, and a final response, not a deadlock letter.
  const about = profile.complaintsAbout === 'ombudsmanService' ? 'ombudsman' : undefined;
  return (
    <>
      <div className="hero">
        <h1>{t('home.heading', { provider: profile.name })}</h1>
        <p className="lead">{t('home.lead')}</p>
        <div className="hero-actions">
          <section className="card" aria-labelledby="start-complaint">
            <h2 id="start-complaint">{t('home.raiseTitle')}</h2>
            <p>{t('home.raiseBody', { context: about })}</p>
            <Link to={paths.newComplaint} className="button button-start">
              {t('home.raiseAction')}
            </Link>
          </section>
          <section className="card" aria-labelledby="track-cases">
            <h2 id="track-cases">{t('home.trackTitle')}</h2>
            <p>{t('home.trackBody', { context: about })}</p>
            <p className="card-links">
              <Link to={paths.cases} className="button button-secondary">
                {t('home.trackSignedIn')}
              </Link>{' '}
              <Link to={paths.track}>{t('home.trackGuest')}</Link>
            </p>
          </section>
        </div>
        <p className="inset">
          {t((profile.refusedChannels ?? []).length > 0 ? 'home.channelsRefused' : 'home.channels', {
            provider: profile.name,
            channels: formatList(profile.acceptedChannels.map((c) => t(`channels.${c}`)), 'and'),
            refused: formatList((profile.refusedChannels ?? []).map((c) => t(`channels.${c}`)), 'or'),
          })}
        </p>
      </div>
      <Procedure profile={profile} />
    </>
  );
}
