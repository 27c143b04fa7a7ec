import type { CaseStatus, TimelineEvent } from '@/api/schemas';
import { adrLetterDue } from '@/domain/case-clocks';
import { createCalendar, type Calendar } from '@/domain/clocks';
import type { Clock, ClockAction, ProviderId, ProviderProfile } from '@/domain/profile-schema';
import { getProfile } from '@/domain/profiles';
import type { StoredCase } from './db';
import { newId } from './references';

/**
 * The simulated provider: as the mock clock moves, it keeps (or breaks) the promises of the
 * profile's clocks on each case — acknowledges, assigns, updates, responds, proposes a
 * resolution and sends the Ofcom 8-week ADR letter. A case's `behaviour` says how:
 * 'prompt' acts halfway through each clock, 'late' two working days after it ran out,
 * 'silent' never.
 */

const statusAfter: Record<ClockAction, CaseStatus> = {
  acknowledge: 'acknowledged',
  assign: 'investigating',
  update: 'investigating',
  respond: 'responseIssued',
  resolve: 'responseIssued',
  handleAbuse: 'resolved',
};

const eventFor: Record<ClockAction, TimelineEvent['type']> = {
  acknowledge: 'acknowledged',
  assign: 'assigned',
  update: 'update',
  respond: 'response',
  resolve: 'response',
  handleAbuse: 'abuseHandled',
};

/** Working days the simulated provider takes to propose a resolution where no clock says. */
const UNCLOCKED_PROPOSAL_DAYS = { prompt: 5, late: 15 } as const;

const OPEN: CaseStatus[] = ['submitted', 'acknowledged', 'investigating', 'awaitingCustomer', 'responseIssued'];

export function stageClocks(profile: ProviderProfile, c: StoredCase): Clock[] {
  if (c.kind === 'abuseReport') return (profile.otherPromises ?? []).find((p) => p.kind === 'abuseReport')?.clocks ?? [];
  return profile.stages.find((s) => s.id === c.stageId)?.clocks ?? [];
}

function metAt(c: StoredCase, clockId: string): Date | null {
  const met = c.clocksMet.find((m) => m.stageId === c.stageId && m.clockId === clockId);
  return met ? new Date(met.metAt) : null;
}

export function resolutionText(profile: ProviderProfile, c: StoredCase): string {
  if (profile.procedureLanguage === 'it') {
    return `Abbiamo esaminato il reclamo "${c.complaint.summary}". Proponiamo di correggere il problema entro 5 giorni lavorativi e di accreditarLe un mese di canone. Ci faccia sapere se la soluzione è di Suo gradimento.`;
  }
  return `We have looked into "${c.complaint.summary}". We propose to put the problem right within 5 working days and credit your account with one month's charges. Please tell us whether this resolves your complaint.`;
}

type Step = { at: Date; apply: () => void };

const calendars = new Map<ProviderId, Calendar>();
export function calendarFor(profile: ProviderProfile): Calendar {
  let cal = calendars.get(profile.id);
  if (!cal) calendars.set(profile.id, (cal = createCalendar(profile)));
  return cal;
}

function nextStep(profile: ProviderProfile, c: StoredCase, events: TimelineEvent[]): Step | null {
  const cal = calendarFor(profile);
  const candidates: Step[] = [];
  const push = (at: Date | null, apply: () => void) => {
    if (at) candidates.push({ at, apply });
  };
  const record = (at: Date, type: TimelineEvent['type'], data?: Record<string, string>, text?: string) => {
    events.push({ id: newId('evt'), at: at.toISOString(), type, actor: 'provider', stageId: c.stageId, ...(data ? { data } : {}), ...(text ? { text } : {}) });
    c.updatedAt = at.toISOString();
  };

  if (!OPEN.includes(c.status)) return null;

  // Ofcom GC C4: the ADR letter once the wait in force has passed, unprompted (only a 'prompt' provider remembers).
  if (c.kind === 'complaint' && c.behaviour === 'prompt' && c.letters.length === 0) {
    const at = adrLetterDue(c, profile);
    if (at) push(at, () => {
      const id = newId('letter');
      c.letters.push({ id, kind: 'adr8Weeks', issuedAt: at.toISOString(), schemeId: profile.adr.schemeId });
      record(at, 'letterIssued', { letterId: id, kind: 'adr8Weeks', schemeId: profile.adr.schemeId });
    });
  }

  if (c.behaviour !== 'silent' && c.status !== 'responseIssued' && c.status !== 'awaitingCustomer') {
    const clocks = stageClocks(profile, c);
    const pending = clocks.find((clock) => !metAt(c, clock.id));
    if (pending) {
      const from = pending.from === 'stageStart' ? new Date(c.stageStartedAt) : metAt(c, pending.from);
      if (from) {
        const half: Clock = { ...pending, amount: Math.max(1, Math.ceil(pending.amount / 2)) };
        const at = c.behaviour === 'prompt' ? cal.dueDate(half, from) : cal.addWorkingDays(cal.dueDate(pending, from), 2);
        push(at, () => {
          c.clocksMet.push({ stageId: c.stageId, clockId: pending.id, metAt: at.toISOString() });
          c.status = statusAfter[pending.action];
          if (pending.action === 'respond' || pending.action === 'resolve') {
            c.proposedResolution = { text: resolutionText(profile, c), proposedAt: at.toISOString() };
            record(at, 'resolutionProposed', undefined, c.proposedResolution.text);
          } else {
            record(at, eventFor[pending.action], { clockId: pending.id });
          }
        });
      }
    } else if (c.kind === 'complaint' && !c.proposedResolution) {
      // No clock left that proposes a resolution: the provider proposes one after a while.
      const lastMet = c.clocksMet
        .filter((m) => m.stageId === c.stageId)
        .reduce((latest, m) => Math.max(latest, Date.parse(m.metAt)), Date.parse(c.stageStartedAt));
      const at = cal.addWorkingDays(new Date(lastMet), UNCLOCKED_PROPOSAL_DAYS[c.behaviour]);
      push(at, () => {
        c.status = 'responseIssued';
        c.proposedResolution = { text: resolutionText(profile, c), proposedAt: at.toISOString() };
        record(at, 'resolutionProposed', undefined, c.proposedResolution.text);
      });
    }
  }

  candidates.sort((a, b) => a.at.getTime() - b.at.getTime());
  return candidates[0] ?? null;
}

/** Plays the provider's part on one case up to `now`, appending to its timeline. Returns true if anything changed. */
export function advanceCase(c: StoredCase, events: TimelineEvent[], now: Date): boolean {
  const profile = getProfile(c.providerId);
  let changed = false;
  for (let guard = 0; guard < 50; guard++) {
    const step = nextStep(profile, c, events);
    if (!step || step.at.getTime() > now.getTime()) break;
    step.apply();
    changed = true;
  }
  return changed;
}
