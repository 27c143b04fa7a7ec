import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TimelineEvent } from '@/api/schemas';
import { useErrorText } from '@/components/ui/api-error-text';
import type { ProviderProfile } from '@/domain/profile-schema';
import { caseQueries, PENDING_PREFIX } from '../api/case-queries';
import { useFormatters } from './use-formatters';
import { schemeIds } from '@/domain/schemes';
import { oneOf } from '@/lib/one-of';
import { clockKey, stageKey } from '@/lib/provider-keys';
import { letterContext } from '@/lib/letter-context';

// Timeline facts are strings from the server; only the values these lists name have a text of their own.
const isSchemeId = oneOf(schemeIds);
const isLetterKind = oneOf(['deadlock', 'adr'] as const);

/** A clockOverdue event for an aim (a target), by the event's own `strength` or, for older events, the profile's clock. */
function overdueIsAim(profile: ProviderProfile, event: TimelineEvent): boolean {
  const d = event.data ?? {};
  if (d.strength) return d.strength === 'aim';
  const clocks = profile.stages.find((s) => s.id === event.stageId)?.clocks ?? [];
  return clocks.find((c) => c.id === d.overdueClockId)?.strength === 'aim';
}

function EventFacts({ event, profile, letterPath }: { event: TimelineEvent; profile: ProviderProfile; letterPath: (letterId: string) => string }) {
  const { t } = useTranslation(['cases', 'providers']);
  const d = event.data ?? {};
  const lines: React.ReactNode[] = [];
  if (d.toStage) lines.push(t('cases:timeline.toStage', { stage: t(stageKey(profile.id, d.toStage, 'name')) }));
  if (d.clockId) lines.push(t('cases:timeline.clock', { clock: t(clockKey(profile.id, d.clockId)) }));
  if (d.overdueClockId) {
    const aim = overdueIsAim(profile, event);
    lines.push(t(aim ? 'cases:timeline.targetMissed' : 'cases:timeline.clockMissed', { clock: t(clockKey(profile.id, d.overdueClockId)) }));
  }
  if (d.reason) lines.push(t('cases:timeline.reason', { reason: t(`cases:timeline.reasons.${d.reason}`, { defaultValue: d.reason }) }));
  const scheme = isSchemeId(d.schemeId) ? t(`providers:schemes.${d.schemeId}.name`) : d.schemeId;
  if (event.type === 'letterIssued' && isLetterKind(d.kind) && scheme) {
    lines.push(t(`cases:timeline.letterKind.${d.kind}`, { scheme, context: letterContext(profile) }));
  } else if (scheme) lines.push(t('cases:timeline.scheme', { scheme }));
  if (d.files) {
    lines.push(event.type === 'submitted' ? t('cases:timeline.filesCount', { count: Number(d.files) }) : t('cases:timeline.files', { files: d.files }));
  }
  if (d.rating) lines.push(t('cases:timeline.rating', { rating: d.rating }));
  if (d.letterId) lines.push(<Link to={letterPath(d.letterId)}>{t('cases:timeline.readLetter')}</Link>);
  if (lines.length === 0) return null;
  return (
    <ul className="plain-list event-facts">
      {lines.map((line, i) => (
        <li key={i}>{line}</li>
      ))}
    </ul>
  );
}

/** The case's history, newest first: who, what, when. Customers' and providers' words are shown as written. */
export function CaseTimeline({ reference, profile, letterPath }: { reference: string; profile: ProviderProfile; letterPath: (letterId: string) => string }) {
  const { t } = useTranslation(['cases', 'providers']);
  const fmt = useFormatters(profile);
  const timeline = useQuery(caseQueries.timeline(reference));
  const errorText = useErrorText();
  const events = timeline.data
    ? [...timeline.data.events].sort((a, b) => {
        const pa = a.id.startsWith(PENDING_PREFIX) ? 1 : 0;
        const pb = b.id.startsWith(PENDING_PREFIX) ? 1 : 0;
        return pb - pa || Date.parse(b.at) - Date.parse(a.at);
      })
    : [];
  return (
    <section aria-labelledby="timeline-heading" className="case-section">
      <h2 id="timeline-heading">{t('cases:timeline.heading')}</h2>
      {timeline.isPending && <p role="status">{t('cases:timeline.loading')}</p>}
      {timeline.isError && (
        <div className="notice notice-error" role="alert">
          <p>{errorText(timeline.error)}</p>
          <button type="button" className="button button-secondary" onClick={() => void timeline.refetch()}>
            {t('cases:retry')}
          </button>
        </div>
      )}
      <ol className="timeline">
        {events.map((event) => {
          const pending = event.id.startsWith(PENDING_PREFIX);
          return (
            <li key={event.id} className={`timeline-event timeline-${event.actor}${pending ? ' timeline-pending' : ''}`} data-type={event.type}>
              <h3 className="timeline-title">
                {event.type === 'clockOverdue' && overdueIsAim(profile, event)
                  ? t('cases:timeline.types.targetMissed')
                  : t(`cases:timeline.types.${event.type}`, { context: letterContext(profile) })}
              </h3>
              <p className="timeline-meta">
                <span>{t(`cases:timeline.actors.${event.actor}`, { provider: profile.name })}</span>
                {' · '}
                {pending ? <span>{t('cases:timeline.sending')}</span> : <time dateTime={event.at}>{fmt.dateTime(new Date(event.at))}</time>}
              </p>
              {event.text && <blockquote className="customer-text">{event.text}</blockquote>}
              <EventFacts event={event} profile={profile} letterPath={letterPath} />
            </li>
          );
        })}
      </ol>
    </section>
  );
}
