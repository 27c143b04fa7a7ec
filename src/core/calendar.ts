import enMail from '@locales/en/mail.json';
import itMail from '@locales/it/mail.json';
import enProviders from '@locales/en/providers.json';
import itProviders from '@locales/it/providers.json';
import { createEvents, type EventAttributes } from 'ics';
import type { MailLanguage } from '@/api/schemas';
import { adrWaitFor, caseClocks } from '@/domain/case-clocks';
import { isOpen } from '@/domain/cases';
import { getProfile } from '@/domain/profiles';
import { getScheme } from '@/domain/schemes';
import { fillText } from './notifications';
import type { StoredCase } from './ports';
import { dateTimeFormat } from '@/domain/date-format';

/**
 * The case's upcoming deadlines as an iCalendar file (the `ics` package; decision 0140): every unmet promise of the
 * current stage with its due instant, and the day the customer may go to the scheme when no letter has come. Each
 * event's UID is stable (case, stage, promise), so a calendar that imports the file again updates the event when a
 * date moves. Instants are written in UTC — exact wherever the calendar is — and the description gives the time in
 * the provider's time zone.
 */

const texts = { en: enMail.case.calendar, it: itMail.case.calendar } as const;
const providerTexts = { en: enProviders, it: itProviders } as const;


function lookup(tree: unknown, path: readonly string[]): string | null {
  let at: unknown = tree;
  for (const key of path) at = at && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined;
  return typeof at === 'string' ? at : null;
}

export function caseCalendar(c: StoredCase, lng: MailLanguage, now: Date): string {
  const profile = getProfile(c.providerId);
  const t = texts[lng];
  const words = providerTexts[lng] as unknown;
  const local = (d: Date) =>
    dateTimeFormat(lng === 'it' ? 'it-IT' : 'en-GB', {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZone: profile.timeZone,
      timeZoneName: 'short',
    }).format(d);
  const values = { provider: profile.name, reference: c.reference };
  const events: EventAttributes[] = [];
  if (isOpen(c.status)) {
    for (const clock of caseClocks(profile, c, now)) {
      if (clock.metAt || !clock.dueAt) continue;
      const what = lookup(words, [profile.id, 'clocks', clock.clockId]) ?? clock.clockId;
      events.push({
        uid: `${c.reference}-${clock.stageId}-${clock.clockId}@redress`,
        start: clock.dueAt.getTime(),
        startInputType: 'utc',
        startOutputType: 'utc',
        duration: { minutes: 30 },
        title: fillText(t.due, { ...values, what }, lng),
        description: fillText(t.dueDescription, { ...values, what, when: local(clock.dueAt) }, lng),
      });
    }
  }
  const wait = adrWaitFor(c, profile);
  if (wait && c.kind === 'complaint' && !c.referral && !c.letters.some((l) => l.kind === 'deadlock' || l.kind === 'adr') && isOpen(c.status)) {
    const scheme = lookup(words, ['schemes', profile.adr.schemeId, 'name']) ?? getScheme(profile.adr.schemeId).id;
    events.push({
      uid: `${c.reference}-adr@redress`,
      start: wait.letterDueAt.getTime(),
      startInputType: 'utc',
      startOutputType: 'utc',
      duration: { minutes: 30 },
      title: fillText(t.adr, { ...values, scheme }, lng),
      description: fillText(t.adrDescription, { ...values, scheme, when: local(wait.letterDueAt) }, lng),
    });
  }
  const { error, value } = createEvents(events, { productId: 'redress/complaints', method: 'PUBLISH', calName: fillText(t.name, values, lng) });
  if (error || typeof value !== 'string') throw error ?? new Error('calendar not made');
  return value;
}
