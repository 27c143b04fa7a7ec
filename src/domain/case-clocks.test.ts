import { adrLetterDue, caseClocks, dueWithinBefore, missingAdrLetter, nextDeadline, stageClockStart, tooEarlyForAdrLetter, type CaseClockInput } from './case-clocks';
import { createCalendar } from './clocks';
import { ask4Profile, commsombudsmanProfile, misoProfile, nasstarProfile, netserversProfile } from './profiles';

const at = (iso: string) => new Date(iso);
const base = (over: Partial<CaseClockInput>): CaseClockInput => ({
  kind: 'complaint',
  stageId: 'complaintsTeam',
  stageStartedAt: '2026-12-18T10:00:00Z',
  clocksMet: [],
  firstComplainedAt: '2026-12-18T10:00:00Z',
  letters: [],
  ...over,
});

describe('caseClocks — Nasstar complaints team, started Fri 18 Dec 2026 10:00', () => {
  it('both clocks due on Mon 21 Dec; acknowledgement due Tue 22 Dec 17:30', () => {
    const [ack, resolve] = caseClocks(nasstarProfile, base({}), at('2026-12-21T12:00:00Z'));
    expect(ack).toMatchObject({ clockId: 'acknowledge', action: 'acknowledge', strength: 'commitment', state: 'due', workingDaysLeft: 1, unit: 'workingDays' });
    expect(ack!.dueAt!.toISOString()).toBe('2026-12-22T17:30:00.000Z');
    // 20 working days: Mon 21..Thu 24 (4), Tue 29..Thu 31 (7), Mon 4..Fri 8 (12), 11..15 (17), Mon 18..Wed 20 Jan (20).
    expect(resolve).toMatchObject({ clockId: 'resolve', strength: 'aim', state: 'due' });
    expect(resolve!.dueAt!.toISOString()).toBe('2027-01-20T17:30:00.000Z');
  });
  it('due today counts 0 working days left', () => {
    const [ack] = caseClocks(nasstarProfile, base({}), at('2026-12-22T09:00:00Z'));
    expect(ack).toMatchObject({ state: 'due', workingDaysLeft: 0 });
  });
  it('overdue by working days, skipping Christmas', () => {
    // Due Tue 22 Dec; on Tue 29 Dec the days after it are Wed 23, Thu 24, Tue 29 → 3 working days overdue.
    const [ack] = caseClocks(nasstarProfile, base({}), at('2026-12-29T10:00:00Z'));
    expect(ack).toMatchObject({ state: 'overdue', workingDaysOverdue: 3 });
  });
  it('met on time and met late', () => {
    const onTime = caseClocks(nasstarProfile, base({ clocksMet: [{ stageId: 'complaintsTeam', clockId: 'acknowledge', metAt: '2026-12-22T17:00:00Z' }] }), at('2027-02-01T10:00:00Z'));
    expect(onTime[0]).toMatchObject({ state: 'met', metAt: at('2026-12-22T17:00:00Z') });
    const late = caseClocks(nasstarProfile, base({ clocksMet: [{ stageId: 'complaintsTeam', clockId: 'acknowledge', metAt: '2026-12-23T09:30:00Z' }] }), at('2027-02-01T10:00:00Z'));
    expect(late[0]).toMatchObject({ state: 'metLate', workingDaysOverdue: 1 });
  });
  it('ignores a clock met in another stage', () => {
    const s = caseClocks(nasstarProfile, base({ clocksMet: [{ stageId: 'department', clockId: 'acknowledge', metAt: '2026-12-21T10:00:00Z' }] }), at('2026-12-21T12:00:00Z'));
    expect(s[0]!.state).toBe('due');
  });
});

describe('caseClocks — chained clocks (ASK4)', () => {
  const ask4 = (clocksMet: CaseClockInput['clocksMet']) =>
    base({ stageId: 'complaint', stageStartedAt: '2026-12-18T19:30:00Z', clocksMet });
  it('the update waits for the acknowledgement, the response for the update', () => {
    const [ack, update, response] = caseClocks(ask4Profile, ask4([]), at('2026-12-19T10:00:00Z'));
    // 24 hours from Fri 18 Dec 19:30 → Sat 19 Dec 19:30 (calendar hours, weekend included).
    expect(ack!.dueAt!.toISOString()).toBe('2026-12-19T19:30:00.000Z');
    expect(ack!.state).toBe('due');
    expect(update).toMatchObject({ state: 'waiting', dueAt: null });
    expect(response).toMatchObject({ state: 'waiting', dueAt: null });
  });
  it('runs the formal response from the first update, not from receipt', () => {
    const met = [
      { stageId: 'complaint', clockId: 'acknowledge', metAt: '2026-12-19T09:00:00Z' }, // Sat → update counted from Mon 21
      { stageId: 'complaint', clockId: 'update', metAt: '2026-12-23T11:00:00Z' }, // Wed 23
    ];
    const [, update, response] = caseClocks(ask4Profile, ask4(met), at('2026-12-23T12:00:00Z'));
    // Update: received Sat → Mon 21; 3 working days → Tue 22, Wed 23, Thu 24 → Thu 24 Dec 17:30.
    expect(update!.dueAt!.toISOString()).toBe('2026-12-24T17:30:00.000Z');
    expect(update!.state).toBe('met');
    // Response: from Wed 23 11:00; 7 working days → Thu 24, Tue 29, Wed 30, Thu 31, Mon 4, Tue 5, Wed 6 Jan.
    expect(response!.dueAt!.toISOString()).toBe('2027-01-06T17:30:00.000Z');
    expect(response!.state).toBe('due');
    expect(nextDeadline(ask4Profile, ask4(met), at('2026-12-23T12:00:00Z'))!.clockId).toBe('formalResponse');
  });
});

describe('caseClocks — other cases', () => {
  it('abuse reports run the abuse clock', () => {
    const s = caseClocks(nasstarProfile, base({ kind: 'abuseReport' }), at('2026-12-21T12:00:00Z'));
    expect(s.map((x) => x.clockId)).toEqual(['handleAbuse']);
    // 3 working days from Fri 18 Dec → Mon 21, Tue 22, Wed 23.
    expect(s[0]!.dueAt!.toISOString()).toBe('2026-12-23T17:30:00.000Z');
  });
  it('a stage without clocks has none (Miso)', () => {
    expect(caseClocks(misoProfile, base({ stageId: 'attempt1' }), at('2026-12-21T12:00:00Z'))).toEqual([]);
    expect(nextDeadline(misoProfile, base({ stageId: 'attempt1' }), at('2026-12-21T12:00:00Z'))).toBeUndefined();
  });
  it('nextDeadline picks the earliest unmet clock', () => {
    const d = nextDeadline(commsombudsmanProfile, base({ stageId: 'firstStage' }), at('2026-12-18T11:00:00Z'));
    // 24 working hours of 8h (09:00–17:00) from Fri 18 Dec 10:00: Fri 7h, Mon 8h, Tue 8h (23), Wed 23 10:00.
    expect(d).toMatchObject({ clockId: 'acknowledge', state: 'due' });
    expect(d!.dueAt!.toISOString()).toBe('2026-12-23T10:00:00.000Z');
  });
});

describe('the Ofcom ADR letter', () => {
  const c = { firstComplainedAt: '2026-10-12T09:00:00Z', letters: [] as CaseClockInput['letters'], status: 'investigating' as const, referral: null };
  it('is due once the wait in force has passed: 6 weeks, same London time across the clock change', () => {
    // Mon 12 Oct 2026 10:00 BST + 42 days = Mon 23 Nov 2026 10:00 GMT.
    expect(adrLetterDue(c, nasstarProfile)?.toISOString()).toBe('2026-11-23T10:00:00.000Z');
  });
  it('is missing once the wait has passed without a deadlock or ADR letter', () => {
    expect(missingAdrLetter(c, at('2026-11-23T09:59:59Z'), nasstarProfile)).toBe(false);
    expect(missingAdrLetter(c, at('2026-11-23T10:00:00Z'), nasstarProfile)).toBe(true);
    expect(missingAdrLetter({ ...c, letters: [{ kind: 'adr', issuedAt: '2026-11-23T10:00:00Z' }] }, at('2027-01-01T10:00:00Z'), nasstarProfile)).toBe(false);
    expect(missingAdrLetter({ ...c, letters: [{ kind: 'deadlock', issuedAt: '2026-11-01T10:00:00Z' }] }, at('2027-01-01T10:00:00Z'), nasstarProfile)).toBe(false);
    expect(missingAdrLetter({ ...c, kind: 'abuseReport' }, at('2027-01-01T10:00:00Z'), nasstarProfile)).toBe(false);
  });
  it('issue 22 point 2: is not owed on a complaint resolved, closed or referred — only on one still open', () => {
    const late = at('2027-01-01T10:00:00Z');
    for (const status of ['submitted', 'acknowledged', 'investigating', 'awaitingCustomer', 'responseIssued'] as const) {
      expect(missingAdrLetter({ ...c, status }, late, nasstarProfile)).toBe(true);
    }
    for (const status of ['resolved', 'closed', 'deadlock'] as const) expect(missingAdrLetter({ ...c, status }, late, nasstarProfile)).toBe(false);
    expect(missingAdrLetter({ ...c, referral: { schemeId: 'cisas', referredAt: '2026-12-01T10:00:00Z' } }, late, nasstarProfile)).toBe(false);
  });
  it('is never owed for the Communications Ombudsman\'s own procedure (Independent Assessor: no wait)', () => {
    expect(adrLetterDue(c, commsombudsmanProfile)).toBeNull();
    expect(missingAdrLetter(c, at('2027-06-01T10:00:00Z'), commsombudsmanProfile)).toBe(false);
    expect(tooEarlyForAdrLetter(c, commsombudsmanProfile, at('2027-06-01T10:00:00Z'))).toBe(true);
  });
  it('the back office refuses it before it is due', () => {
    expect(tooEarlyForAdrLetter(c, nasstarProfile, at('2026-11-23T09:59:59Z'))).toBe(true);
    expect(tooEarlyForAdrLetter(c, nasstarProfile, at('2026-11-23T10:00:00Z'))).toBe(false);
  });
});

describe('issue 22 point 11: each clock counted in its own unit', () => {
  it('working hours (Communications Ombudsman, 09:00–17:00): hours left and hours overdue count business hours only', () => {
    // Started Fri 18 Dec 2026 16:00 → 24 working hours: 1 h Fri, then Mon 21, Tue 22, Wed 23 (8 h each) → Thu 24 Dec 09:00 + 0? 1+8+8+7 = Wed 23 16:00.
    const co = base({ stageId: 'firstStage', stageStartedAt: '2026-12-18T16:00:00Z' });
    const [ack] = caseClocks(commsombudsmanProfile, co, at('2026-12-21T09:00:00Z'));
    expect(ack).toMatchObject({ unit: 'workingHours', state: 'due' });
    expect(ack!.dueAt!.toISOString()).toBe('2026-12-23T16:00:00.000Z');
    // Mon 09:00 → Wed 16:00: 8 + 8 + 7 = 23 working hours left (the weekend is not counted).
    expect(ack!.unitsLeft).toBe(23);
    // Thu 24 Dec 11:30: 1 h on Wed (16–17) + 2.5 h on Thu → 3 whole working hours overdue.
    const [late] = caseClocks(commsombudsmanProfile, co, at('2026-12-24T11:30:00Z'));
    expect(late).toMatchObject({ state: 'overdue', unitsOverdue: 3 });
  });
  it('clock hours (ASK4): every hour counts, weekends included', () => {
    const a = base({ stageId: 'complaint', stageStartedAt: '2026-12-18T19:30:00Z' });
    const [ack] = caseClocks(ask4Profile, a, at('2026-12-19T10:00:00Z'));
    expect(ack).toMatchObject({ unit: 'calendarHours', state: 'due', unitsLeft: 9 });
    const [late] = caseClocks(ask4Profile, a, at('2026-12-20T10:00:00Z'));
    expect(late).toMatchObject({ state: 'overdue', unitsOverdue: 14 });
  });
  it('working days stay working days', () => {
    const [ack] = caseClocks(nasstarProfile, base({}), at('2026-12-21T12:00:00Z'));
    expect(ack).toMatchObject({ unit: 'workingDays', unitsLeft: 1, workingDaysLeft: 1 });
  });
});

describe('a stage reached by letter starts when the letter is assumed to arrive (Netservers)', () => {
  it('Customer Services Manager: recorded Fri 18 Dec 2026 → received Tue 22 Dec 09:00 → response due 10 working days later', () => {
    // 2 working days after Fri 18 Dec: Mon 21, Tue 22 → clocks from Tue 22 Dec 09:00.
    expect(stageClockStart(netserversProfile, 'customerServicesManager', at('2026-12-18T10:00:00Z')).toISOString()).toBe('2026-12-22T09:00:00.000Z');
    expect(stageClockStart(netserversProfile, 'contact', at('2026-12-18T10:00:00Z')).toISOString()).toBe('2026-12-18T10:00:00.000Z');
  });
});

describe('dueWithinBefore: the staff queue\'s "due today" and "within two working days" as one instant', () => {
  it('agrees with workingDaysLeft for every hour around Christmas (bank holidays, weekends), both time zones', () => {
    for (const profile of [nasstarProfile, misoProfile]) {
      const cal = createCalendar(profile);
      for (let h = 0; h < 24 * 16; h += 5) {
        const now = new Date(Date.parse('2026-12-18T00:30:00Z') + h * 3_600_000);
        for (const n of [0, 2]) {
          const before = dueWithinBefore(profile, now, n);
          for (let d = 0; d < 24 * 10; d += 3) {
            const dueAt = new Date(now.getTime() + d * 3_600_000);
            const left = Math.max(0, cal.workingDaysBetween(now, dueAt));
            expect(dueAt < before, `${profile.id} now ${now.toISOString()} due ${dueAt.toISOString()} n ${n}`).toBe(left <= n);
          }
        }
      }
    }
  });
});
