import { useTranslation } from 'react-i18next';
import type { Case } from '@/api/schemas';
import { caseClocks } from '@/domain/case-clocks';
import type { ProviderProfile } from '@/domain/profile-schema';
import { clockWording } from '../lib/deadline-wording';
import { useFormatters } from './use-formatters';
import { clockKey } from '@/lib/provider-keys';

const toneClass = { overdue: 'tag tag-overdue', met: 'tag tag-met', due: 'tag', waiting: 'tag tag-grey' } as const;

/** Every clock of the current stage: due date and where it stands, counted on the back office's clock. */
export function CaseClocks({ caseData, asOf, profile }: { caseData: Case; asOf: Date; profile: ProviderProfile }) {
  const { t } = useTranslation(['cases', 'providers', 'common']);
  const fmt = useFormatters(profile);
  const clocks = caseClocks(profile, caseData, asOf);
  return (
    <section aria-labelledby="clocks-heading" className="case-section">
      <h2 id="clocks-heading">{t('cases:clock.heading', { provider: profile.name })}</h2>
      {clocks.length === 0 ? (
        <p>{t('cases:clock.none')}</p>
      ) : (
        <ul className="plain-list clock-cards">
          {clocks.map((clock) => {
            const withTime = clock.unit === 'workingHours' || clock.unit === 'calendarHours';
            const format = withTime ? fmt.dateTime : fmt.date;
            const wording = clockWording(clock, t, format);
            return (
              <li key={clock.clockId} className="clock-card" data-clock={clock.clockId} data-state={clock.state}>
                <h3 className="clock-name">
                  {t(clockKey(profile.id, clock.clockId))}
                </h3>
                <dl className="clock-facts">
                  <div>
                    <dt>{t('cases:clock.due')}</dt>
                    <dd>{clock.dueAt ? <time dateTime={clock.dueAt.toISOString()}>{format(clock.dueAt)}</time> : t('cases:clock.notYet')}</dd>
                  </div>
                  <div>
                    <dt>{t('cases:clock.state')}</dt>
                    <dd>
                      <strong className={toneClass[wording.tone]}>{wording.text}</strong>
                    </dd>
                  </div>
                </dl>
              </li>
            );
          })}
        </ul>
      )}
      <p className="hint">{t('cases:case.asOf', { date: fmt.dateTime(asOf) })}</p>
    </section>
  );
}
