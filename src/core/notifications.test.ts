import { describe, expect, it } from 'vitest';
import type { TimelineEvent } from '@/api/schemas';
import { providerIds } from '@/domain/provider-ids';
import { getProfile } from '@/domain/profiles';
import { channelsOf, compose, messageKindOf, messagesFor, type CaseMessageKind } from './notifications';
import type { StoredCase } from './ports';
import { storedCase } from '../../test/cases';

/** Every customer-facing event and the message it calls for (nasstar: complaintsTeam is not the last stage). */
const events: [TimelineEvent['type'], Record<string, string>, CaseMessageKind][] = [
  ['submitted', {}, 'received'],
  ['acknowledged', {}, 'acknowledged'],
  ['update', {}, 'update'],
  ['update', { status: 'awaitingCustomer' }, 'informationRequested'],
  ['resolutionProposed', {}, 'resolutionProposed'],
  ['escalated', { toStage: 'customerServicesManager' }, 'stageMoved'],
  ['clockOverdue', { overdueClockId: 'acknowledge', dueAt: '2026-03-04T17:00:00.000Z' }, 'deadlineMissed'],
  ['letterIssued', { kind: 'deadlock', schemeId: 'cisas' }, 'deadlockLetter'],
  ['letterIssued', { kind: 'adr', schemeId: 'cisas' }, 'adrLetter'],
  ['closed', {}, 'closed'],
];

function caseOf(who: { ref: string; name: string; email: string; summary: string; lng: 'en' | 'it' }): StoredCase {
  const c = storedCase({ reference: who.ref, status: 'investigating' });
  return { ...c, aboutYou: { ...c.aboutYou, name: who.name, email: who.email, lng: who.lng }, complaint: { ...c.complaint, summary: who.summary } };
}

const event = (type: TimelineEvent['type'], data: Record<string, string>, n: number): TimelineEvent => ({
  id: `evt_${n}`,
  at: '2026-03-10T09:30:00.000Z',
  type,
  actor: type === 'submitted' ? 'customer' : type === 'clockOverdue' ? 'system' : 'provider',
  stageId: 'complaintsTeam',
  ...(type === 'update' || type === 'closed' || type === 'resolutionProposed' ? { text: 'Words of the provider.' } : {}),
  data,
});

const ann = caseOf({ ref: 'NAS-2026-ANN00001', name: 'Ann Ashby', email: 'ann@example.com', summary: 'Ann’s broadband', lng: 'en' });
const bob = caseOf({ ref: 'NAS-2026-BOB00002', name: 'Bob Brook', email: 'bob@example.com', summary: 'Bob’s phone line', lng: 'it' });

describe('messages to the customer', () => {
  it('each customer-facing event calls for its own message; the customer’s own actions for none', () => {
    const profile = getProfile('nasstar');
    for (const [type, data, kind] of events) expect(messageKindOf(event(type, data, 1), profile)).toBe(kind);
    for (const type of ['comment', 'evidenceAdded', 'resolutionAccepted', 'escalationRequested', 'referred', 'feedback'] as const) {
      expect(messageKindOf(event(type, {}, 1), profile)).toBeNull();
    }
    // A proposal at the last stage of the procedure is the final response.
    expect(messageKindOf({ ...event('resolutionProposed', {}, 1), stageId: 'customerServicesManager' }, profile)).toBe('finalResponse');
  });

  it('one message per event and chosen channel', () => {
    const all = events.map(([type, data], i) => event(type, data, i));
    expect(messagesFor(ann, all).map((m) => m.channel)).toEqual(all.map(() => 'email'));
    const byLetter: StoredCase = { ...ann, aboutYou: { ...ann.aboutYou, replyBy: 'letter', address: { line1: '1 High St', town: 'Leeds', postcode: 'LS1 1AA' }, emailUpdates: true } };
    expect(channelsOf(byLetter)).toEqual(['letter', 'email']);
    const letters = messagesFor(byLetter, [all[0]!]);
    expect(letters.map((m) => [m.channel, m.status, m.recipient])).toEqual([
      ['letter', 'toPost', 'Ann Ashby, 1 High St, Leeds, LS1 1AA'],
      ['email', 'pending', 'ann@example.com'],
    ]);
    expect(channelsOf({ ...ann, aboutYou: { ...ann.aboutYou, replyBy: 'phone' } })).toEqual(['phone']);
  });

  it('every template, in both languages, tells only what its own case holds: never another customer’s data', () => {
    for (const [mine, theirs] of [
      [ann, bob],
      [bob, ann],
    ] as const) {
      for (const [i, [type, data, kind]] of events.entries()) {
        const [m] = messagesFor(mine, [event(type, data, i)]);
        expect(m!.kind).toBe(kind);
        expect(m!.recipient).toBe(mine.aboutYou.email);
        // Every fact recorded is one of this case's, the event's or the procedure's.
        const own = new Set<string>([mine.reference, mine.aboutYou.name, mine.complaint.summary, mine.providerId, mine.stageId, mine.firstComplainedAt, 'cisas', 'Words of the provider.', ...Object.values(data), '2026-03-10T09:30:00.000Z']);
        for (const [key, value] of Object.entries(m!.facts)) {
          if (['dueClockId', 'dueAt', 'adrWeeks', 'adrFrom'].includes(key)) continue; // computed from this case's clocks
          expect(own.has(value), `${kind}: ${key}=${value}`).toBe(true);
        }
        const composed = compose(m!, { url: 'https://portal.example/sign-in?token=T', guest: true });
        for (const text of [composed.subject, composed.text, composed.html]) {
          for (const foreign of [theirs.reference, theirs.aboutYou.name, theirs.complaint.summary, theirs.aboutYou.email]) expect(text).not.toContain(foreign);
        }
        expect(composed.text).toContain(mine.reference);
        expect(composed.html).toContain(`<html lang="${mine.aboutYou.lng}">`);
        expect(composed.text).not.toMatch(/\{\{|\}\}/);
      }
    }
  });

  it('an Italian ADR letter carries the English version for the scheme', () => {
    const [m] = messagesFor(bob, [event('letterIssued', { kind: 'adr', schemeId: 'cisas' }, 1)]);
    const { text, html } = compose(m!, null);
    expect(text).toContain('Ora può rivolgersi gratuitamente al CISAS');
    expect(text).toContain("La versione inglese, per l'organismo:");
    expect(text).toContain('You may take your complaint NAS-2026-BOB00002 to CISAS');
    expect(html).toContain('<div lang="en">');
  });

  it('every provider, both languages: names in running text as the portal writes them (decision 0120), nothing left unfilled', () => {
    for (const id of providerIds) {
      const profile = getProfile(id);
      const c: StoredCase = { ...ann, providerId: id, stageId: profile.entryStageId };
      for (const lng of ['en', 'it'] as const) {
        const mine: StoredCase = { ...c, aboutYou: { ...c.aboutYou, lng } };
        for (const [i, [type, data]] of events.entries()) {
          const [m] = messagesFor(mine, [{ ...event(type, { ...data, schemeId: profile.adr.schemeId }, i), stageId: profile.entryStageId }]);
          const { subject, text } = compose(m!, { url: 'https://portal.example/x', guest: false });
          const all = `${subject}\n${text}`;
          expect(all).not.toMatch(/\{\{|\}\}|inText|dateWith/);
          if (lng === 'it') {
            expect(all, `${id} ${m!.kind}`).not.toMatch(/(^|[^\p{L}'])(a|di|da|presso|verso) (Communications Ombudsman|Independent Assessor|CISAS)/u);
            expect(all, `${id} ${m!.kind}`).not.toMatch(/(^|[^\p{L}'])a ASK4/u);
            expect(all).not.toMatch(/\b(il|dal|entro il) (1|8|11) /);
          } else {
            expect(all).not.toMatch(/(with|to|of) (Communications Ombudsman|Independent Assessor)/);
          }
        }
      }
    }
  });

  it('text from the case is escaped in the HTML', () => {
    const hostile = caseOf({ ref: 'NAS-2026-XSS00001', name: '<script>alert(1)</script>', email: 'x@example.com', summary: '"><img src=x onerror=alert(1)>', lng: 'en' });
    const [m] = messagesFor(hostile, [event('submitted', {}, 1)]);
    const { html } = compose(m!, null);
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;');
  });
});
