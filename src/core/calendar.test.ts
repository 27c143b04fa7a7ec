import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { caseClocks } from '@/domain/case-clocks';
import { getProfile } from '@/domain/profiles';
import { caseCalendar } from './calendar';
import type { StoredCase } from './ports';
import { storedCase } from '../../test/cases';

const raisedAt = '2026-05-04T09:00:00.000Z'; // Monday 4 May 2026, 10:00 in London (BST)

const c: StoredCase = storedCase({ reference: 'NAS-2026-ICS00001', at: raisedAt });

function parse(ics: string) {
  const calendar = ICAL.Component.fromString(ics);
  return calendar.getAllSubcomponents('vevent').map((v) => {
    const event = new ICAL.Event(v);
    return { uid: event.uid, start: event.startDate.toJSDate().toISOString(), summary: event.summary, description: event.description };
  });
}

const londonTime = (iso: string) => new Intl.DateTimeFormat('en-GB', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/London' }).format(new Date(iso));

describe('the case deadlines as an .ics file', () => {
  it('parses with ical.js: each unmet promise and the ADR date, at their instants, with stable UIDs', () => {
    const now = new Date('2026-05-04T09:30:00.000Z');
    const events = parse(caseCalendar(c, 'en', now));
    const clocks = caseClocks(getProfile('nasstar'), c, now).filter((s) => s.dueAt);
    expect(events.map((e) => e.uid)).toEqual([...clocks.map((s) => `NAS-2026-ICS00001-complaintsTeam-${s.clockId}@redress`), 'NAS-2026-ICS00001-adr@redress']);
    expect(events.map((e) => e.start)).toEqual([...clocks.map((s) => s.dueAt!.toISOString()), '2026-06-15T09:00:00.000Z']);
    // Hand-computed: the 6-week wait from Monday 4 May 10:00 BST ends Monday 15 June, 10:00 BST.
    expect(londonTime(events.at(-1)!.start)).toBe('15/06/2026, 10:00');
    expect(events.at(-1)!.summary).toBe('You may go to CISAS (NAS-2026-ICS00001)');
    expect(events.at(-1)!.description).toContain('Monday, 15 June 2026 at 10:00 BST');
    expect(events[0]!.summary).toMatch(/^Nasstar owes: .+ \(NAS-2026-ICS00001\)$/);
  });

  it('in Italian; a promise met and a letter issued drop out', () => {
    const met: StoredCase = {
      ...c,
      clocksMet: [{ stageId: 'complaintsTeam', clockId: 'acknowledge', metAt: '2026-05-05T09:00:00.000Z' }],
      letters: [{ id: 'l1', kind: 'deadlock', issuedAt: '2026-05-20T09:00:00.000Z', schemeId: 'cisas' }],
    };
    const events = parse(caseCalendar(met, 'it', new Date('2026-05-21T09:00:00.000Z')));
    expect(events.map((e) => e.uid)).not.toContain('NAS-2026-ICS00001-complaintsTeam-acknowledge@redress');
    expect(events.map((e) => e.uid)).not.toContain('NAS-2026-ICS00001-adr@redress');
    for (const e of events) expect(e.summary).toMatch(/^Dovuto da Nasstar: /);
  });
});
