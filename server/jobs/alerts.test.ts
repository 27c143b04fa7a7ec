import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverAlert, deliverPendingAlerts, runStaffAlerts } from '@/core/alerts';
import type { Mailer, OutgoingMail, StoredAlert } from '@/core/ports';
import type { StaffMember } from '@/api/schemas';
import { loadConfig } from '../config';
import { jsonLogger } from '../http/log';
import { createServerApp, type ServerApp } from '../server';
import { PgStore } from '../store/pg-store';
import { makeCase } from '../test/cases';
import { openTestDatabase } from '../test/database';
import { agent } from '../../test/conformance/target';
import { submissionWith } from '../../test/conformance/fixtures';
import { STAFF_ALERT_MAIL_QUEUE, STAFF_ALERTS_CRON, STAFF_ALERTS_QUEUE } from './jobs';

/**
 * Alerts to staff on the server (src/core/alerts.ts, docs/decisions/0133, 0134): the hourly pg-boss job records them
 * on the back office's clock (the demo's in demo mode) and each alert's mail leaves after that run commits, by its
 * own job — once, whatever fails and is retried, and however many instances run.
 */

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Waits for a job pg-boss runs in the background (its worker polls every 0.5 s here). */
async function until(condition: () => Promise<boolean>, what: string, timeoutMs = 20_000) {
  for (const end = Date.now() + timeoutMs; !(await condition()); ) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

describe('the hourly alert job, in demo mode', () => {
  const MANAGER = 'alex.morgan@staff.nasstar.example';
  const AGENT = 'jordan.lee@staff.nasstar.example';
  /** Friday 8 March 2030, 10:00 in London; the Monday after, 10:07 (the job's minute): far from the real clock. */
  const FRIDAY = '2030-03-08T10:00:00.000Z';
  const MONDAY = '2030-03-11T10:07:00.000Z';
  let app: ServerApp;
  let filesDir: string;

  beforeAll(async () => {
    filesDir = await mkdtemp(join(tmpdir(), 'redress-alert-job-'));
    const config = loadConfig({ PROVIDER: 'nasstar', DEMO: '1', FILES_DIR: filesDir, DIST_DIR: join(filesDir, 'no-portal'), LOG_LEVEL: 'error' });
    app = await createServerApp(config, {
      logger: jsonLogger('error'),
      database: await openTestDatabase(),
      jobs: { pollingIntervalSeconds: 0.5, hourlyPollingIntervalSeconds: 0.5 },
    });
  });
  afterAll(async () => {
    await app.close();
    await rm(filesDir, { recursive: true, force: true });
  });

  it('is registered with pg-boss hourly at 7 minutes past (UTC), one at a time', async () => {
    const boss = app.jobs!.boss;
    const schedules = await boss.getSchedules();
    // pg-boss's cron is in UTC unless told otherwise (the schedule names no time zone).
    expect(schedules.filter((s) => s.name === STAFF_ALERTS_QUEUE).map((s) => [s.cron, s.options?.tz ?? 'UTC'])).toEqual([[STAFF_ALERTS_CRON, 'UTC']]);
    expect(STAFF_ALERTS_CRON).toBe('7 * * * *');
    expect((await boss.getQueue(STAFF_ALERTS_QUEUE))?.policy).toBe('singleton');
  });

  it('a run at the right hour, on the demo clock: the agent is told of the case due next working day, and each manager gets the day’s summary, once', async () => {
    const base = { baseUrl: 'http://localhost/api', fetch: (request: Request) => app.fetch(request) };
    const browser = () => agent(base);
    const boss = app.jobs!.boss;
    const signedIn = async (email: string) => {
      const a = browser();
      await a.ok('demoSignIn', { body: { email } });
      return a;
    };
    await browser().ok('setClock', { body: { now: FRIDAY } });
    const guest = browser();
    const { case: c } = await guest.ok('submitComplaint', { body: submissionWith(`alert job ${Date.now()}`), idempotencyKey: `alert-job-${Date.now()}` });
    // Monday, the working day before its acknowledgement falls due. Moving the demo's clock runs the alerts at
    // once (the case is not yet assigned: no agent's alert; the managers' summary of the day, if any, goes now).
    await browser().ok('setClock', { body: { now: MONDAY } });
    const manager = await signedIn(MANAGER);
    // Something for the summary to list: a phone complaint logged 57 days on, its ADR letter due.
    await manager.ok('staffLogComplaint', {
      body: { ...submissionWith('phoned in'), firstComplainedAt: new Date(Date.parse(MONDAY) - 57 * 86_400_000).toISOString(), receivedBy: 'phone', lng: 'en' },
      idempotencyKey: `alert-job-log-${Date.now()}`,
    });
    const staff = await manager.ok('listStaff');
    const jordan = staff.staff.find((s) => s.email === AGENT)!;
    const managers = staff.staff.filter((s) => s.role === 'manager' && s.removedAt === null);
    const view = await manager.ok('staffGetCase', { params: { reference: c.reference } });
    expect(view.clocks.find((k) => k.clockId === 'acknowledge')).toMatchObject({ state: 'due', workingDaysLeft: 1 });
    await manager.ok('staffAssign', { params: { reference: c.reference }, body: { staffId: jordan.id, version: view.version }, idempotencyKey: `alert-job-assign-${Date.now()}` });

    const outbox = async () => (await sql<{ recipient: string; subject: string }>`SELECT recipient, subject FROM outbox ORDER BY sent_at`.execute(app.database.db)).rows;
    const agentMails = async () => (await outbox()).filter((m) => m.recipient === AGENT && m.subject.startsWith(`${c.reference}: Acknowledgement due`));
    const summaries = async () => (await outbox()).filter((m) => m.subject.includes('11 March 2030'));
    expect(await agentMails()).toEqual([]);

    // The hour strikes: pg-boss runs the job (as its cron sends it), and the alerts' own jobs send the mail.
    const run = async () => {
      const id = (await boss.send(STAFF_ALERTS_QUEUE, {}))!;
      await until(async () => (await boss.getJobById(STAFF_ALERTS_QUEUE, id))?.state === 'completed', 'the staff-alerts job');
      await until(
        async () => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM staff_alerts WHERE status = 'pending'`.execute(app.database.db)).rows[0]!.n === 0,
        'the alerts’ mails',
      );
    };
    await run();
    expect((await agentMails()).map((m) => m.recipient)).toEqual([AGENT]);
    // Its mail left by its own job, enqueued with the run's COMMIT.
    const mailJobs = await sql<{ state: string }>`SELECT state FROM pgboss.job WHERE name = ${STAFF_ALERT_MAIL_QUEUE} AND data->>'key' LIKE ${`clock|${c.reference}|%`}`.execute(app.database.db);
    expect(mailJobs.rows.map((r) => r.state)).toEqual(['completed']);
    const summarised = await summaries();
    expect(summarised.map((m) => m.recipient).sort()).toEqual(managers.map((m) => m.email).sort());

    // The next hour (and the clock moved within the day): nothing again.
    await run();
    await browser().ok('setClock', { body: { now: '2030-03-11T15:07:00.000Z' } });
    expect(await agentMails()).toHaveLength(1);
    expect(await summaries()).toHaveLength(summarised.length);
  });
});

describe('an alert’s mail, sent after commit, once', () => {
  const AGENT: StaffMember = { id: 'stf_alert_agent', providerId: 'nasstar', name: 'Ann Agent', email: 'ann.agent@staff.nasstar.example', role: 'agent', lng: 'en', createdAt: '2026-01-01T00:00:00.000Z', removedAt: null };
  /** Tuesday 3 March 2026, 10:00: the working day before the acknowledgement of a case received on Monday 2 March. */
  const TUESDAY = new Date('2026-03-03T10:00:00Z');

  async function storeWithAssignedCase() {
    const handle = await openTestDatabase();
    const store = new PgStore(handle.db);
    const c = makeCase({ assigneeId: AGENT.id });
    await store.transaction(async (tx) => {
      tx.actFor({ providerId: 'nasstar', kind: 'provider' });
      await tx.insertStaff(AGENT);
      await tx.insertCase(c);
    });
    return { handle, store, c };
  }
  const recorder = () => {
    const sent: OutgoingMail[] = [];
    const mailer: Mailer = { send: () => Promise.reject(new Error('not this path')), deliver: (mail) => Promise.resolve(void sent.push(mail)) };
    return { sent, mailer };
  };
  const rows = async (handle: Awaited<ReturnType<typeof openTestDatabase>>) =>
    (await sql<{ key: string; status: string; attempts: number; last_error: string | null }>`SELECT key, status, attempts, last_error FROM staff_alerts ORDER BY key`.execute(handle.db)).rows;

  it('the run sends nothing itself; a refused send is retried, the alert stays recorded once, and one mail leaves', async () => {
    const { handle, store, c } = await storeWithAssignedCase();
    try {
      expect(await runStaffAlerts({ store }, 'nasstar', TUESDAY, 'https://x.example')).toMatchObject({ agentAlerts: 1 });
      const [recorded] = await rows(handle);
      expect(recorded).toMatchObject({ status: 'pending', attempts: 0 });
      expect(recorded!.key).toMatch(new RegExp(`^clock\\|${c.reference}\\|`));
      let tries = 0;
      const refusing: Mailer = {
        send: () => Promise.reject(new Error('not this path')),
        deliver: () => {
          tries += 1;
          return Promise.reject(Object.assign(new Error('451 4.3.0 ann.agent@staff.nasstar.example try later'), { code: 'EENVELOPE', responseCode: 451 }));
        },
      };
      expect(await deliverAlert({ store, mailer: refusing }, 'nasstar', recorded!.key, { final: false })).toBe('retry');
      expect(await rows(handle)).toEqual([{ key: recorded!.key, status: 'pending', attempts: 1, last_error: 'EENVELOPE 451' }]);
      // The run again (the next hour, a restart): the alert is recorded already, nothing new.
      expect(await runStaffAlerts({ store }, 'nasstar', TUESDAY, 'https://x.example')).toMatchObject({ agentAlerts: 0 });
      const { sent, mailer } = recorder();
      expect(await deliverAlert({ store, mailer }, 'nasstar', recorded!.key, { final: false })).toBe('sent');
      expect(await deliverAlert({ store, mailer }, 'nasstar', recorded!.key, { final: false })).toBe('skipped');
      expect(sent.map((m) => [m.to, m.subject.startsWith(`${c.reference}: `)])).toEqual([[AGENT.email, true]]);
      expect(await rows(handle)).toEqual([{ key: recorded!.key, status: 'sent', attempts: 1, last_error: 'EENVELOPE 451' }]);
      expect(tries).toBe(1);
    } finally {
      await handle.close();
    }
  });

  it('after the last try it is failed, and not tried again', async () => {
    const { handle, store } = await storeWithAssignedCase();
    try {
      await runStaffAlerts({ store }, 'nasstar', TUESDAY, 'https://x.example');
      const key = (await rows(handle))[0]!.key;
      const refusing: Mailer = { send: () => Promise.resolve(), deliver: () => Promise.reject(new Error('down')) };
      expect(await deliverAlert({ store, mailer: refusing }, 'nasstar', key, { final: true })).toBe('failed');
      const { sent, mailer } = recorder();
      await deliverPendingAlerts({ store, mailer }, 'nasstar');
      expect(await deliverAlert({ store, mailer }, 'nasstar', key, { final: false })).toBe('skipped');
      expect(sent).toEqual([]);
      expect((await rows(handle)).map((r) => r.status)).toEqual(['failed']);
    } finally {
      await handle.close();
    }
  });

  it('a run undone records nothing and sends nothing', async () => {
    const { handle, store } = await storeWithAssignedCase();
    try {
      const alert: StoredAlert = {
        providerId: 'nasstar', key: 'summary|2026-03-03|stf_x', reference: null, at: TUESDAY.toISOString(), status: 'pending', attempts: 0, lastError: null,
        mail: { id: 'mail_undone', providerId: 'nasstar', to: AGENT.email, subject: 's', text: 't', lng: 'en' },
      };
      await expect(
        store.transaction(async (tx) => {
          expect(await tx.recordAlert(alert)).toBe(true);
          throw new Error('the run failed');
        }),
      ).rejects.toThrow('the run failed');
      expect(await rows(handle)).toEqual([]);
    } finally {
      await handle.close();
    }
  });

  it('two instances running the job at once: the alert is recorded once and one mail leaves', async () => {
    const { handle, store } = await storeWithAssignedCase();
    try {
      const other = new PgStore(handle.db);
      const reports = await Promise.all([runStaffAlerts({ store }, 'nasstar', TUESDAY, 'https://x.example'), runStaffAlerts({ store: other }, 'nasstar', TUESDAY, 'https://x.example')]);
      expect(reports.map((r) => r.agentAlerts).sort()).toEqual([0, 1]);
      const { sent, mailer } = recorder();
      await Promise.all([deliverPendingAlerts({ store, mailer }, 'nasstar'), deliverPendingAlerts({ store: other, mailer }, 'nasstar')]);
      expect(sent.map((m) => m.to)).toEqual([AGENT.email]);
      expect((await rows(handle)).map((r) => r.status)).toEqual(['sent']);
    } finally {
      await handle.close();
    }
  });
});
