import { expect } from 'vitest';
import type { BackOfficeStore, FileStore, StoredAlert, StoredInvitation, StoredMessage } from '@/core/ports';
import { anonymiseCase, ERASED_EMAIL, RETENTION, runRetention } from '@/core/retention';
import { makeCase, makeEvent } from '../../server/test/cases';

/**
 * Issue 20.15's retention, the same on both stores (the simulated back office's and PostgreSQL/PGlite's): what
 * has outlived its retention goes, what has not stays, and a closed case past the case retention is anonymised
 * — its personal data and files erased, its statistics kept. Called by mocks/retention.test.ts and
 * server/store/retention.test.ts.
 */
export async function retentionScenario(store: BackOfficeStore, files: FileStore, storageKey = 'key-old-1'): Promise<void> {
  const now = new Date('2033-03-10T12:00:00Z');
  const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();
  const DAY = 86_400_000;
  const alert = (key: string, reference: string | null, at: string): StoredAlert => ({
    providerId: 'nasstar', key, reference, at, status: 'sent', attempts: 0, lastError: null,
    mail: { id: `mail_${key}`, providerId: 'nasstar', to: 'agent@staff.nasstar.example', subject: 'Due tomorrow', text: 'Alice', lng: 'en' },
  });

  const oldClosed = makeCase({ status: 'closed', updatedAt: '2027-01-05T10:00:00.000Z', attachments: [{ id: 'att_old_1', name: 'router-photo.jpg', kind: 'jpg', size: 3, uploadedAt: '2026-12-01T10:00:00.000Z' }] });
  const recentClosed = makeCase({ status: 'closed', updatedAt: '2028-01-05T10:00:00.000Z' });
  const oldOpen = makeCase({ status: 'investigating', updatedAt: '2026-06-01T10:00:00.000Z' });
  await files.put(storageKey, new Uint8Array([1, 2, 3]));
  await store.transaction(async (tx) => {
    for (const c of [oldClosed, recentClosed, oldOpen]) {
      await tx.insertCase(c);
      await tx.appendEvents(c.reference, [makeEvent(1, { text: 'My name is Alice, call me on 01632 960001', data: { names: 'router-photo.jpg', toStage: 'ombudsman' } })]);
    }
    await tx.insertAttachment({ meta: oldClosed.attachments[0]!, providerId: 'nasstar', caseRef: oldClosed.reference, uploader: 'guest', storageKey });
    const session = (hash: string, createdAt: string, lastSeenAt: string) => tx.insertSession({ tokenHash: hash, providerId: 'nasstar', scope: { kind: 'customer', customerId: 'cus_alice' }, createdAt, lastSeenAt });
    await session('s-idle', ago(2 * 3_600_000), ago(RETENTION.sessionIdleMs + 60_000));
    await session('s-old', ago(RETENTION.sessionMaxMs + 60_000), ago(60_000));
    await session('s-live', ago(3_600_000), ago(60_000));
    const code = (id: string, expiresAt: string) =>
      tx.insertSignInCode({ id, providerId: 'nasstar', email: `${id}@example.com`, purpose: 'signIn', reference: null, codeHash: `c-${id}`, linkHash: `l-${id}`, tries: 0, createdAt: ago(2 * DAY), expiresAt, usedAt: null });
    await code('code-expired', ago(RETENTION.signInCodeAfterExpiryMs + 60_000));
    await code('code-live', new Date(now.getTime() + 600_000).toISOString());
    await tx.hitRateLimit('ip:old', new Date(now.getTime() - RETENTION.rateLimitMs - 60_000), 15 * 60_000);
    await tx.hitRateLimit('ip:new', new Date(now.getTime() - 60_000), 15 * 60_000);
    // Issue 20 gaps: the messages sent to the customer about a case, and invitations to join an organisation.
    const message = (id: string, reference: string): StoredMessage => ({
      id, providerId: 'nasstar', reference, eventId: `evt_${id}`, kind: 'update', channel: 'email', recipient: 'alice@example.com', lng: 'en', status: 'sent',
      attempts: 0, lastError: null, createdAt: '2027-01-05T10:00:00.000Z', doneAt: '2027-01-05T10:01:00.000Z', subject: 'Your complaint, Alice',
      text: 'Dear Alice, we will call you on 01632 960001.', facts: { name: 'Alice' },
    });
    await tx.findCase({ providerId: 'nasstar', kind: 'provider' }, oldClosed.reference);
    await tx.insertMessages([message('msg_old', oldClosed.reference), message('msg_recent', recentClosed.reference)]);
    const invitation = (id: string, expiresAt: string, status: StoredInvitation['status']): StoredInvitation => ({
      id, providerId: 'nasstar', organisationId: 'org_1', organisation: 'Harbour Lane', email: `${id}@example.com`, name: 'Bob Invitee',
      invitedBy: 'cus_admin', invitedByName: 'Priya', createdAt: ago(60 * DAY), expiresAt, status,
    });
    const provider = { providerId: 'nasstar' as const, kind: 'provider' as const };
    await tx.insertInvitation(provider, invitation('inv-lapsed', ago(RETENTION.invitationAfterExpiryMs + 60_000), 'pending'));
    await tx.insertInvitation(provider, invitation('inv-declined', ago(RETENTION.invitationAfterExpiryMs + 60_000), 'declined'));
    await tx.insertInvitation(provider, invitation('inv-recent', ago(DAY), 'declined'));
    await tx.insertInvitation(provider, invitation('inv-open', new Date(now.getTime() + DAY).toISOString(), 'pending'));
    // Alerts to staff: one past RETENTION.staffAlertMs, one about the case anonymised, two to keep.
    for (const a of [alert('summary|old', null, ago(RETENTION.staffAlertMs + 60_000)), alert('clock|closed', oldClosed.reference, ago(DAY)), alert('clock|recent', recentClosed.reference, ago(DAY)), alert('summary|new', null, ago(RETENTION.staffAlertMs - 60_000))]) {
      expect(await tx.recordAlert(a)).toBe(true);
    }
  });
  await store.claimIdempotency('scope', 'key-old-00000001', 'fp', new Date(now.getTime() - RETENTION.idempotencyMs - 60_000), 10_000);
  await store.claimIdempotency('scope', 'key-new-00000001', 'fp', new Date(now.getTime() - 60_000), 10_000);

  const report = await runRetention({ store, files }, 'nasstar', now, now, 6);
  expect(report).toMatchObject({ sessions: 2, signInCodes: 1, rateLimits: 1, idempotency: 1, invitations: 2, casesAnonymised: 1, filesDeleted: 1, staffAlerts: 2 });
  // An alert recorded again is new when its record went, refused while it is kept (recorded now: the next pass keeps them).
  await store.transaction(async (tx) => {
    const again = async (key: string) => tx.recordAlert(alert(key, null, now.toISOString()));
    expect([await again('summary|old'), await again('clock|closed'), await again('clock|recent'), await again('summary|new')]).toEqual([true, true, false, false]);
  });

  await store.transaction(async (tx) => {
    expect(await tx.findSession('s-live')).not.toBeNull();
    expect(await tx.findSession('s-idle')).toBeNull();
    expect(await tx.latestSignInCode('nasstar', 'code-live@example.com')).not.toBeNull();
    expect(await tx.latestSignInCode('nasstar', 'code-expired@example.com')).toBeNull();
    expect((await tx.hitRateLimit('ip:new', now, 15 * 60_000)).count).toBe(2);
    expect((await tx.hitRateLimit('ip:old', now, 15 * 60_000)).count).toBe(1);
    const provider = { providerId: 'nasstar' as const, kind: 'provider' as const };
    const erased = await tx.findCase(provider, oldClosed.reference);
    // Anonymised: no one's case any more, no personal data; what counts in statistics is kept.
    expect(erased).toEqual(anonymiseCase(oldClosed));
    expect(erased).toMatchObject({ customerId: null, status: 'closed', stageId: oldClosed.stageId, firstComplainedAt: oldClosed.firstComplainedAt, complaint: { category: 'serviceFault' } });
    expect(JSON.stringify(erased)).not.toMatch(/Alice|alice@|960001|router-photo/);
    expect(erased!.aboutYou.email).toBe(ERASED_EMAIL);
    const timeline = await tx.timeline(oldClosed.reference);
    expect(timeline).toHaveLength(1);
    expect(timeline[0]).toMatchObject({ type: 'comment', data: { toStage: 'ombudsman' } });
    expect(JSON.stringify(timeline)).not.toMatch(/Alice|960001|router-photo/);
    expect(await tx.findAttachment('att_old_1')).toBeNull();
    // Issue 20 gaps: the anonymised case's messages keep kind, channel, status and dates, nothing personal.
    const [erasedMessage] = await tx.caseMessages(oldClosed.reference);
    expect(erasedMessage).toMatchObject({ kind: 'update', channel: 'email', status: 'sent', createdAt: '2027-01-05T10:00:00.000Z', subject: null, text: null, facts: {} });
    expect(JSON.stringify(erasedMessage)).not.toMatch(/Alice|alice@|960001/);
    expect((await tx.caseMessages(recentClosed.reference)).map((m) => [m.recipient, m.text])).toEqual([['alice@example.com', 'Dear Alice, we will call you on 01632 960001.']]);
    // Invitations go 30 days after they expire, answered or not; a recent or open one stays.
    for (const [id, kept] of [['inv-lapsed', false], ['inv-declined', false], ['inv-recent', true], ['inv-open', true]] as const) {
      expect(await tx.findInvitation(provider, id) !== null, id).toBe(kept);
    }
    // Within retention, or still open: untouched.
    expect(await tx.findCase(provider, recentClosed.reference)).toEqual(recentClosed);
    expect(await tx.findCase(provider, oldOpen.reference)).toEqual(oldOpen);
    expect((await tx.timeline(oldOpen.reference))[0]!.text).toMatch(/Alice/);
  });
  expect(await files.get(storageKey)).toBeNull();
  expect(await store.claimIdempotency('scope', 'key-old-00000001', 'fp', now, 10_000)).toEqual({ state: 'claimed' });
  expect(await store.claimIdempotency('scope', 'key-new-00000001', 'fp', now, 120_000)).toEqual({ state: 'inProgress' });

  // A second pass finds nothing more to do.
  expect(await runRetention({ store, files }, 'nasstar', now, now, 6)).toMatchObject({ casesAnonymised: 0, filesDeleted: 0, staffAlerts: 0 });
}
