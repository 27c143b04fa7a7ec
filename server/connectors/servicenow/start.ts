import type { Kysely } from 'kysely';
import { ProviderApiClient, type Fetch } from '../provider-client';
import { ConnectorRuntime } from '../runtime';
import { ServiceNowClient } from './client';
import { loadServiceNowConfig } from './config';
import { ServiceNowConnector } from './connector';

/**
 * The ServiceNow connector from the environment, running inside the server (server/server.ts, when
 * SERVICENOW_INSTANCE_URL is set) or as a process of its own (server/cli/connector-servicenow.ts).
 */

export interface ServiceNowRunnerOptions {
  env: Record<string, string | undefined>;
  db: Kysely<unknown>;
  /** The provider API: the server's own `fetch` in process, or Node's fetch to REDRESS_URL. */
  redressUrl: string;
  fetch?: Fetch;
  log?: (level: 'info' | 'warn' | 'error', msg: string, fields?: Record<string, string | number | boolean | null>) => void;
}

export function serviceNowEnabled(env: Record<string, string | undefined>): boolean {
  return Boolean(env.SERVICENOW_INSTANCE_URL?.trim());
}

export function serviceNowRuntime(options: ServiceNowRunnerOptions): ConnectorRuntime {
  const config = loadServiceNowConfig(options.env);
  const key = options.env.REDRESS_PROVIDER_KEY?.trim();
  if (!key) throw new Error('ServiceNow configuration: REDRESS_PROVIDER_KEY (npm run server:create-key -- --name ServiceNow) is required');
  const api = new ProviderApiClient({ baseUrl: options.redressUrl, key, ...(options.fetch ? { fetch: options.fetch } : {}) });
  const connector = new ServiceNowConnector(config, new ServiceNowClient(config));
  return new ConnectorRuntime({ db: options.db, connector, api, ...(options.log ? { log: options.log } : {}) });
}

/** How often the connector runs (it runs again at once while the feed has a backlog). */
export function serviceNowIntervalMs(env: Record<string, string | undefined>): number {
  const seconds = Number(env.SERVICENOW_POLL_SECONDS ?? 30);
  return Number.isFinite(seconds) && seconds >= 1 ? seconds * 1000 : 30_000;
}
