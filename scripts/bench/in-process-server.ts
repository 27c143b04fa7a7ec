/**
 * What the in-process diagnostics (api-trace.ts, api-profile.ts) share: a server on DATABASE_URL (not demo mode)
 * with its files in a temporary folder, and a complaint like the one `npm run bench:api` sends.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../server/config';
import { jsonLogger } from '../../server/http/log';
import { createServerApp } from '../../server/server';

const complaintBody = JSON.stringify({
  kind: 'complaint',
  aboutYou: { customerKind: 'residential', name: 'Bench Customer', email: 'bench@example.com', phone: '07911 654321', replyBy: 'email' },
  complaint: { category: 'billing', summary: 'Trace', whatHappened: 'I cancelled in October and was still charged.', startedOn: '2026-10-01', outcomeWanted: 'A refund' },
  evidence: { references: [{ reference: 'TCK-1' }], staff: [], calls: [], emails: [], attachmentIds: [] },
});

/** A new complaint, sent as the portal sends one (a new Idempotency-Key each time). */
export const complaintRequest = (key: string) =>
  new Request('http://localhost/api/cases', { method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key }, body: complaintBody });

export async function inProcessServer(prefix: string) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const config = loadConfig({ DATABASE_URL: process.env.DATABASE_URL, PROVIDER: 'nasstar', FILES_DIR: dir, DIST_DIR: join(dir, 'x'), LOG_LEVEL: 'error', COOKIE_SECURE: 'false', WRITE_RATE_LIMITS: 'off' });
  const server = await createServerApp(config, { logger: jsonLogger('error') });
  return {
    fetch: (request: Request) => server.fetch(request),
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
