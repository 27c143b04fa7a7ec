import enMail from '@locales/en/mail.json';
import itMail from '@locales/it/mail.json';
import type { MailLanguage, TimelineEvent } from '@/api/schemas';
import { isOpen } from '@/domain/cases';
import { adrLetterDue, clocksForCase } from '@/domain/case-clocks';
import { createCalendar, type Calendar } from '@/domain/clocks';
import type { Clock, ProviderId, ProviderProfile } from '@/domain/profile-schema';
import { getProfile } from '@/domain/profiles';
import { acknowledge, issueLetter, meetClock, proposeResolution, record, sendUpdate, type CaseChange } from './case-ops';
import { fillText } from './notifications';
import type { Behaviour, StoredCase } from './ports';

/**
 * The simulated provider, for the demo and the tests: as the back office's clock moves, it keeps (or breaks)
 * the promises of the profile's clocks on each case — acknowledges, assigns, updates, responds, proposes a
 * resolution and sends the ADR letter once the regulator's wait has passed — through the same case changes
 * (./case-ops.ts) the provider API uses. A case's `behaviour` says how: 'prompt' acts halfway through each
 * clock, 'late' two working days after it ran out, 'silent' never.
 */

/** Working days the simulated provider takes to propose a resolution where no clock says. */
const UNCLOCKED_PROPOSAL_DAYS = { prompt: 5, late: 15 } as const;

/**
 * The simulated provider's proposal, written in the customer's language (the language the case's messages go out
 * in; else the procedure's own), from locales/<lng>/mail.json `demoProvider`. The Communications Ombudsman's
 * complaints are about its own service: there is no account to credit.
 */
export function resolutionText(profile: ProviderProfile, c: Pick<StoredCase, 'aboutYou' | 'complaint'> & { lng?: MailLanguage }): string {
  const lng: MailLanguage = c.aboutYou.lng ?? c.lng ?? profile.procedureLanguage;
  const words = lng === 'it' ? itMail.demoProvider : enMail.demoProvider;
  const template = profile.complaintsAbout === 'ombudsmanService' ? words.resolutionOwnService : words.resolution;
  return fillText(template, { summary: c.complaint?.summary ?? '', days: String(UNCLOCKED_PROPOSAL_DAYS.prompt) }, lng);
}

const calendars = new Map<ProviderId, Calendar>();
export function calendarFor(profile: ProviderProfile): Calendar {
  let cal = calendars.get(profile.id);
  if (!cal) calendars.set(profile.id, (cal = createCalendar(profile)));
  return cal;
}

/**
 * What the simulated provider does next on a case and when: the ADR letter, the action a clock promises, or a
 * resolution where no clock says. Exported so a script can play the same part against a real server through
 * the provider's API (scripts/demo-provider.ts); `applyPlannedStep` plays it on a case change here.
 */
export type PlannedAction =
  | { kind: 'adrLetter' }
  | { kind: 'clock'; clockId: string; action: Clock['action'] }
  | { kind: 'propose' };
export interface PlannedStep {
  at: Date;
  action: PlannedAction;
}

function metAt(c: StoredCase, clockId: string): Date | null {
  const met = c.clocksMet.find((m) => m.stageId === c.stageId && m.clockId === clockId);
  return met ? new Date(met.metAt) : null;
}

function lastEventAt(events: readonly TimelineEvent[], type: TimelineEvent['type']): number {
  let latest = Number.NEGATIVE_INFINITY;
  for (const e of events) if (e.type === type) latest = Math.max(latest, Date.parse(e.at));
  return latest;
}

/** The provider's next step on the case for its `behaviour` (the case's own unless given), or null. */
export function plannedStep(
  profile: ProviderProfile,
  c: Omit<StoredCase, 'behaviour' | 'organisationId'> & { behaviour?: Behaviour },
  timeline: readonly TimelineEvent[],
  behaviour: Behaviour = c.behaviour ?? 'prompt',
): PlannedStep | null {
  const cal = calendarFor(profile);
  const candidates: PlannedStep[] = [];
  if (!isOpen(c.status)) return null;
  const sc = c as StoredCase;

  // Ofcom GC C4: the ADR letter once the regulator's wait has passed, unprompted (only a 'prompt' provider remembers).
  const letterDue = c.kind === 'complaint' && behaviour === 'prompt' && c.letters.length === 0 ? adrLetterDue(c, profile) : null;
  if (letterDue) candidates.push({ at: letterDue, action: { kind: 'adrLetter' } });

  if (behaviour !== 'silent' && c.status !== 'responseIssued' && c.status !== 'awaitingCustomer') {
    const pending = clocksForCase(profile, c).find((clock) => !metAt(sc, clock.id));
    if (pending) {
      const from = pending.from === 'stageStart' ? new Date(c.stageStartedAt) : metAt(sc, pending.from);
      if (from) {
        const half: Clock = { ...pending, amount: Math.max(1, Math.ceil(pending.amount / 2)) };
        const at = behaviour === 'prompt' ? cal.dueDate(half, from) : cal.addWorkingDays(cal.dueDate(pending, from), 2);
        candidates.push({ at, action: { kind: 'clock', clockId: pending.id, action: pending.action } });
      }
    } else if (c.kind === 'complaint' && !c.proposedResolution) {
      // No clock left that proposes a resolution: the provider proposes one after a while (again after a rejection).
      const lastMet = c.clocksMet
        .filter((m) => m.stageId === c.stageId)
        .reduce((latest, m) => Math.max(latest, Date.parse(m.metAt)), Date.parse(c.stageStartedAt));
      const since = Math.max(lastMet, lastEventAt(timeline, 'resolutionRejected'));
      const at = cal.addWorkingDays(new Date(since), UNCLOCKED_PROPOSAL_DAYS[behaviour]);
      candidates.push({ at, action: { kind: 'propose' } });
    }
  }

  candidates.sort((a, b) => a.at.getTime() - b.at.getTime());
  return candidates[0] ?? null;
}

/** Plays a planned step on a case change, at the step's own time. */
export function applyPlannedStep(profile: ProviderProfile, change: CaseChange, step: PlannedStep): void {
  const { at, action } = step;
  if (action.kind === 'adrLetter') return void issueLetter(profile, change, at, 'adr', 'provider');
  if (action.kind === 'propose') return proposeResolution(change, resolutionText(profile, change.c), at);
  const clockId = action.clockId;
  switch (action.action) {
    case 'acknowledge':
      return acknowledge(change, clockId, at);
    case 'respond':
    case 'resolve':
      return proposeResolution(change, resolutionText(profile, change.c), at, clockId);
    case 'handleAbuse':
      meetClock(change, clockId, at);
      change.c.status = 'resolved';
      record(change, at, 'abuseHandled', 'provider', { data: { clockId } });
      return;
    case 'assign':
      meetClock(change, clockId, at);
      change.c.status = 'investigating';
      record(change, at, 'assigned', 'provider', { data: { clockId } });
      return;
    default:
      return sendUpdate(change, at, { clockId });
  }
}

/**
 * Plays the provider's part on one case up to `now`. `timeline` is the case's stored timeline; the new events
 * are appended to `change.events`. Returns true if anything changed.
 */
export function advanceCase(change: CaseChange, timeline: readonly TimelineEvent[], now: Date): boolean {
  const profile = getProfile(change.c.providerId);
  let changed = false;
  for (let guard = 0; guard < 50; guard++) {
    const step = plannedStep(profile, change.c, [...timeline, ...change.events]);
    if (!step || step.at.getTime() > now.getTime()) break;
    applyPlannedStep(profile, change, step);
    changed = true;
  }
  return changed;
}
