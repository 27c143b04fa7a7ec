import { execFile } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashProviderKey, newProviderKey } from '@/core/provider-api';
import type { BackOfficeDeps } from '@/core/ports';
import { createApp } from '../app';
import { loadConfig } from '../config';
import { FAKE_CLIENT, FAKE_USER, FakeServiceNow } from '../connectors/servicenow/fake';
import { coreApi } from '../core-api';
import type { DatabaseHandle } from '../db/connect';
import { jsonLogger } from '../http/log';
import { createIntegration } from '../store/pg-provider';
import { PgStore } from '../store/pg-store';
import { openTestDatabase } from '../test/database';

/** Issue 25: `npm run connector:servicenow -- --check` validates a configuration against an instance (the fake, on 127.0.0.1). */

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');
let handle: DatabaseHandle;
const servers: ServerType[] = [];
let snUrl = '';
let redressUrl = '';
let key = '';

const listen = (fetch: (request: Request) => Promise<Response> | Response) =>
  new Promise<string>((resolve) => {
    const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => resolve(`http://127.0.0.1:${info.port}`));
    servers.push(server);
  });

beforeAll(async () => {
  handle = await openTestDatabase();
  const deps: BackOfficeDeps = { store: new PgStore(handle.db), files: { put: async () => undefined, get: async () => null, delete: async () => undefined, list: async function* () { yield* []; } }, time: { now: () => new Date() }, mailer: { send: async () => undefined } };
  const app = createApp({ api: coreApi(deps, loadConfig({ COOKIE_SECURE: 'false', LOG_LEVEL: 'silent' })), ping: async () => true, distDir: null, securityHeaders: {}, logger: jsonLogger('silent') });
  key = newProviderKey();
  await createIntegration(handle.db, { providerId: 'nasstar', name: 'ServiceNow', keyHash: await hashProviderKey(key) });
  const fake = new FakeServiceNow();
  snUrl = await listen(fake.fetch);
  redressUrl = await listen((request) => app.fetch(request));
}, 60_000);

afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  await handle?.close();
});

const check = (extra: Record<string, string>) =>
  run('npx', ['tsx', '--tsconfig', 'tsconfig.server.json', 'server/cli/connector-servicenow.ts', '--check'], {
    cwd: root,
    env: {
      ...process.env,
      SERVICENOW_INSTANCE_URL: snUrl,
      SERVICENOW_ALLOW_HTTP: 'true',
      SERVICENOW_CLIENT_ID: FAKE_CLIENT.id,
      SERVICENOW_CLIENT_SECRET: FAKE_CLIENT.secret,
      SERVICENOW_INTEGRATION_USER: FAKE_USER.user,
      REDRESS_URL: redressUrl,
      REDRESS_PROVIDER_KEY: key,
      ...extra,
    },
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );

describe('npm run connector:servicenow -- --check', () => {
  it('issue 25: accepts a configuration that matches the instance, naming the Redress integration', async () => {
    const ok = await check({});
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('integration "ServiceNow"');
    expect(ok.stdout).toContain('✓ ServiceNow');
  });

  it('issue 25: names each problem — a state the instance does not have, wrong credentials, a wrong Redress key', async () => {
    const badMap = await check({ SERVICENOW_FIELD_MAP: JSON.stringify({ states: { resolved: '99' }, contactType: 'pigeon' }) });
    expect(badMap.code).toBe(1);
    expect(badMap.stderr).toContain('state "99" (resolved)');
    expect(badMap.stderr).toContain('contact_type "pigeon"');
    const badSecret = await check({ SERVICENOW_CLIENT_SECRET: 'wrong' });
    expect(badSecret.code).toBe(1);
    expect(badSecret.stderr).toContain('oauthTokenRefused');
    const badKey = await check({ REDRESS_PROVIDER_KEY: 'rdk_not-a-real-key-at-all' });
    expect(badKey.code).toBe(1);
    expect(badKey.stderr).toContain('401');
  });
});
