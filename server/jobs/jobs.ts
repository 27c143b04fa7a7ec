import { createHash } from 'node:crypto';
import PgBoss from 'pg-boss';
import type pg from 'pg';

/**
 * Timed work on PostgreSQL with pg-boss (its own schema, `pgboss`, in the same database): a case's next
 * timed step is a job that starts at the step's due time, so it survives restarts and runs once even with
 * several server instances. The core decides what a check does (its timed transitions); this module only
 * schedules and delivers.
 */

export const CASE_CHECK_QUEUE = 'case-check';
/** The retention pass (src/core/retention.ts): hourly, at 17 minutes past. */
export const RETENTION_QUEUE = 'retention';
export const RETENTION_CRON = '17 * * * *';
/**
 * Checks fetched per poll (issue 20.13). pg-boss's worker fetches once per polling interval, so one job per poll
 * (2 s) took over an hour for a backlog of 2,000 after an outage; 100 per poll clears it in 20 polls.
 */
export const CASE_CHECK_BATCH_SIZE = 100;
/** Alerts to staff (src/core/alerts.ts): every hour, at 7 minutes past; each alert is sent once whoever runs it. */
export const STAFF_ALERTS_QUEUE = 'staff-alerts';
export const STAFF_ALERTS_CRON = '7 * * * *';
/**
 * Sends one alert's mail to staff after the run that recorded it committed (docs/decisions/0134): one job per alert,
 * enqueued with that COMMIT, retried as a message is.
 */
export const STAFF_ALERT_MAIL_QUEUE = 'deliver-staff-alert';
/** Sends one message to a customer (docs/decisions/0140-notifications.md). */
export const MESSAGE_QUEUE = 'deliver-message';
/** Tries of a message's job: the first and this many retries, backing off from MESSAGE_RETRY_DELAY_S. */
export const MESSAGE_RETRIES = 4;
export const MESSAGE_RETRY_DELAY_S = 30;
/**
 * Messages fetched at once. pg-boss waits its polling interval after every fetch, even one that found work, so one
 * message per fetch sent one every 2 s per instance (a morning's backlog of 1,000 took over half an hour). And each
 * fetch orders every waiting job of the queue to take the first: with thousands waiting (the acknowledgements of a
 * burst of complaints) a fetch cost PostgreSQL about 6 ms, 0.32 ms a message in batches of 20 and 0.1 in batches of
 * 100 (decision 0186). The messages of a batch go one at a time, so a batch takes one instance's worker about 0.3 s
 * with the outbox, and as long as the mail server takes for 100 mails with SMTP.
 */
export const MESSAGE_BATCH_SIZE = 100;

export interface MessageJob {
  messageId: string;
}
/** `final`: the last try — a failure now marks the message failed for staff. */
export type MessageHandler = (job: MessageJob, attempt: { final: boolean }) => Promise<void>;

export interface AlertMailJob {
  key: string;
}
export type AlertMailHandler = (job: AlertMailJob, attempt: { final: boolean }) => Promise<void>;

export interface CaseCheck {
  reference: string;
  /** When the check was due (ISO); the handler compares it with the case as it is now. */
  dueAt: string;
}

export type CaseCheckHandler = (check: CaseCheck) => Promise<void>;

/** A connection to enqueue on — pass a transaction's client so the job is committed with the change. */
export type JobConnection = PgBoss.Db;

export interface Jobs {
  /**
   * Runs the case check at `at` (or at once if `at` has passed). Scheduling the same check twice makes one
   * job: its id is derived from the reference and the time.
   */
  scheduleCaseCheck(reference: string, at: Date, options?: { db?: JobConnection }): Promise<string | null>;
  /** Registers the handler for case checks; a failing check is retried (3 times, backing off). */
  onCaseCheck(handler: CaseCheckHandler): Promise<void>;
  /** Runs `handler` every hour (pg-boss's cron, once across all instances): the retention pass. */
  onRetention(handler: () => Promise<void>): Promise<void>;
  /** Runs `handler` every hour (pg-boss's cron, once across all instances): the staff's alerts. */
  onStaffAlerts(handler: () => Promise<void>): Promise<void>;
  /** Sends a message: one job per message (its id comes from the message's), retried with backoff. */
  scheduleMessage(messageId: string, options?: { db?: JobConnection }): Promise<string | null>;
  onMessage(handler: MessageHandler): Promise<void>;
  /** Sends an alert's mail: one job per alert (its id comes from the alert's key), retried with backoff. */
  scheduleAlertMail(key: string, options?: { db?: JobConnection }): Promise<string | null>;
  onAlertMail(handler: AlertMailHandler): Promise<void>;
  /**
   * Stops polling; a batch being worked fails its jobs not yet tried (tried again after a restart). Waits for the
   * job running (pg-boss up to `timeoutMs`, then fails it to be tried again; this module until it ends), so that
   * nothing uses the pool once it returns.
   */
  stop(timeoutMs?: number): Promise<void>;
  readonly boss: PgBoss;
}

export interface JobsOptions {
  /** The server's pool: pg-boss shares it rather than opening its own connections. */
  pool: pg.Pool;
  /** How often a worker looks for due jobs (pg-boss's minimum is 0.5 s). */
  pollingIntervalSeconds?: number;
  /** How often the hourly jobs' workers (retention, staff alerts) look for their job (default 60 s; tests less). */
  hourlyPollingIntervalSeconds?: number;
  /** Checks fetched at once (default CASE_CHECK_BATCH_SIZE). */
  batchSize?: number;
  /** Told the size of each batch of case checks fetched (logs; tests count the polls a backlog takes). */
  onBatch?: (size: number) => void;
  /** The same for each batch of messages. */
  onMessageBatch?: (size: number) => void;
  onError?: (error: Error) => void;
}

/** A UUID made from the check itself, so that the same check scheduled twice is one job (pg-boss inserts ON CONFLICT DO NOTHING). */
function checkId(reference: string, at: Date): string {
  return uuidOf(`${CASE_CHECK_QUEUE}\n${reference}\n${at.toISOString()}`);
}

function uuidOf(text: string): string {
  const h = createHash('sha256').update(text).digest('hex');
  // Version 8 (custom) UUID layout.
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${h.slice(18, 20)}-${h.slice(20, 32)}`;
}

export function poolConnection(pool: pg.Pool | pg.PoolClient): JobConnection {
  return { executeSql: async (text, values) => pool.query(text, values as unknown[]) };
}

export async function startJobs(options: JobsOptions): Promise<Jobs> {
  const polling = options.pollingIntervalSeconds ?? 2;
  const hourlyPolling = options.hourlyPollingIntervalSeconds ?? 60;
  const boss = new PgBoss({ db: poolConnection(options.pool), schema: 'pgboss' });
  /** Set by `stop`: a batch being worked fails its untried jobs instead of trying them. */
  let stopping = false;
  /** The batches being worked, which `stop` waits for. */
  const working = new Set<Promise<void>>();
  boss.on('error', (error) => options.onError?.(error));
  await boss.start();
  await boss.createQueue(CASE_CHECK_QUEUE, { name: CASE_CHECK_QUEUE, retryLimit: 3, retryDelay: 30, retryBackoff: true });
  await boss.createQueue(MESSAGE_QUEUE, { name: MESSAGE_QUEUE, retryLimit: MESSAGE_RETRIES, retryDelay: MESSAGE_RETRY_DELAY_S, retryBackoff: true });
  await boss.createQueue(STAFF_ALERT_MAIL_QUEUE, { name: STAFF_ALERT_MAIL_QUEUE, retryLimit: MESSAGE_RETRIES, retryDelay: MESSAGE_RETRY_DELAY_S, retryBackoff: true });

  /**
   * Works `queue` in batches of `batchSize`: after a full batch the next is fetched at once, not after the polling
   * interval (pg-boss's worker waits the interval after every fetch unless notified). A backlog — the
   * acknowledgements of a burst of complaints, the checks that fell due during an outage — then goes out as fast
   * as it is handled, where one batch per poll capped it at `batchSize` per interval per instance (20 messages
   * every 2 s: a burst of 5,000 complaints took four minutes to acknowledge; decision 0181).
   */
  const workInBatches = async <T extends object>(queue: string, batchSize: number, handle: (job: PgBoss.JobWithMetadata<T>) => Promise<void>, onBatch?: (size: number) => void) => {
    // (the worker's id is known once `work` answers; a batch fetched before then waits the interval, as before)
    const worker: { id?: string } = {};
    worker.id = await boss.work<T>(queue, { pollingIntervalSeconds: polling, batchSize, includeMetadata: true }, async (jobs) => {
      onBatch?.(jobs.length);
      const batch = eachJob(queue, jobs, handle);
      working.add(batch);
      try {
        await batch;
      } finally {
        working.delete(batch);
      }
      if (jobs.length >= batchSize && worker.id && !stopping) boss.notifyWorker(worker.id);
    });
  };

  /**
   * The jobs of a batch one at a time: one that throws is failed on its own (pg-boss retries it with backoff) and the
   * rest go on; pg-boss then completes the batch (its complete touches only jobs still active). Once the server is
   * stopping, the jobs not yet tried are failed instead, to be tried again after the restart — a batch of 100 mails
   * to a slow mail server would otherwise outlast the stop (decision 0187).
   */
  const eachJob = async <T extends object>(queue: string, jobs: PgBoss.JobWithMetadata<T>[], handle: (job: PgBoss.JobWithMetadata<T>) => Promise<void>) => {
    for (const [i, job] of jobs.entries()) {
      if (stopping) {
        await boss.fail(queue, jobs.slice(i).map((j) => j.id));
        return;
      }
      try {
        await handle(job);
      } catch (error) {
        await boss.fail(queue, job.id, { message: error instanceof Error ? error.message : String(error) });
        options.onError?.(error instanceof Error ? error : new Error(String(error)));
      }
    }
  };

  /** A mail queue in batches of MESSAGE_BATCH_SIZE: a mail that is not sent is failed on its own and the rest are sent. */
  const workMail = async <T extends object>(queue: string, handler: (data: T, attempt: { final: boolean }) => Promise<void>, onBatch?: (size: number) => void) => {
    await workInBatches<T>(queue, MESSAGE_BATCH_SIZE, (job) => handler(job.data, { final: job.retryCount >= job.retryLimit }), onBatch);
  };

  return {
    boss,
    async scheduleCaseCheck(reference, at, opts = {}) {
      const data: CaseCheck = { reference, dueAt: at.toISOString() };
      return boss.send(CASE_CHECK_QUEUE, data, { id: checkId(reference, at), startAfter: at, ...(opts.db ? { db: opts.db } : {}) });
    },
    async onCaseCheck(handler) {
      await workInBatches<CaseCheck>(CASE_CHECK_QUEUE, options.batchSize ?? CASE_CHECK_BATCH_SIZE, (job) => handler(job.data), options.onBatch);
    },
    async onRetention(handler) {
      await boss.createQueue(RETENTION_QUEUE, { name: RETENTION_QUEUE, retryLimit: 2, retryDelay: 300, policy: 'singleton' });
      await boss.schedule(RETENTION_QUEUE, RETENTION_CRON);
      await boss.work(RETENTION_QUEUE, { pollingIntervalSeconds: hourlyPolling }, async () => handler());
    },
    async onStaffAlerts(handler) {
      await boss.createQueue(STAFF_ALERTS_QUEUE, { name: STAFF_ALERTS_QUEUE, retryLimit: 2, retryDelay: 60, policy: 'singleton' });
      await boss.schedule(STAFF_ALERTS_QUEUE, STAFF_ALERTS_CRON);
      await boss.work(STAFF_ALERTS_QUEUE, { pollingIntervalSeconds: hourlyPolling }, async () => handler());
    },
    async scheduleMessage(messageId, opts = {}) {
      const data: MessageJob = { messageId };
      return boss.send(MESSAGE_QUEUE, data, { id: uuidOf(`${MESSAGE_QUEUE}\n${messageId}`), ...(opts.db ? { db: opts.db } : {}) });
    },
    async onMessage(handler) {
      await workMail<MessageJob>(MESSAGE_QUEUE, handler, options.onMessageBatch);
    },
    async scheduleAlertMail(key, opts = {}) {
      const data: AlertMailJob = { key };
      return boss.send(STAFF_ALERT_MAIL_QUEUE, data, { id: uuidOf(`${STAFF_ALERT_MAIL_QUEUE}\n${key}`), ...(opts.db ? { db: opts.db } : {}) });
    },
    async onAlertMail(handler) {
      await workMail<AlertMailJob>(STAFF_ALERT_MAIL_QUEUE, handler);
    },
    async stop(timeoutMs = 10_000) {
      stopping = true;
      await boss.stop({ graceful: true, wait: true, timeout: timeoutMs });
      // pg-boss stops waiting after `timeoutMs`, failing what is still being worked (to be tried again). A job still
      // running then — a mail server slower than that — is let finish before the caller closes the pool, and so is
      // the completion pg-boss sends for its batch without awaiting it: each used the closed pool and crashed the
      // process ("Cannot use a pool after calling end on the pool").
      await Promise.allSettled(working);
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}
