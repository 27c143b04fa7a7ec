import { retryAfterMs, type Fetch } from '../provider-client';
import type { ServiceNowConfig } from './config';

/**
 * A ServiceNow Customer Service Management client, written from ServiceNow's own documentation (the
 * ServiceNow/ServiceNowDocs repository, markdown/api-reference/):
 *   - rest-api-explorer/r_RESTOAuthExample.md — `POST /oauth_token.do`, answer `{ access_token, expires_in }`;
 *     platform-security/authentication/client-credentials-grant-workflow.md — `grant_type=client_credentials`;
 *   - rest-apis/case-api.md — `GET|POST /api/sn_customerservice/case`, `PUT /case/{id}`,
 *     `GET /case/{id}/activities` (journal entries: `entries[].sys_id`, `element`, `value`, `sys_created_on`),
 *     `GET /case/field_values/{field}` (`result[].value`, `label`);
 *   - rest-apis/consumer-api.md — `GET|POST /api/now/consumer` (POST answers `{ result: "<sys_id>" }`);
 *   - rest-apis/c_AttachmentAPI.md — `GET /api/now/attachment`, `POST /api/now/attachment/file?table_name=…
 *     &table_sys_id=…&file_name=…` with the file's Content-Type (mandatory).
 * A `429` is waited out as its `Retry-After` says; an expired OAuth token is fetched again once.
 */

export interface SnCase {
  sys_id: string;
  number: string;
  state: string;
  correlation_id: string;
  sys_updated_on: string;
  close_notes?: string;
  short_description?: string;
}

export interface SnJournalEntry {
  sys_id: string;
  element: string;
  value: string;
  sys_created_on: string;
  login_name?: string;
  user_sys_id?: string;
}

export interface SnChoice {
  label: string;
  value: string;
}

export class ServiceNowError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(`ServiceNow ${status} ${code}`);
    this.name = 'ServiceNowError';
  }
}

export const CASE_TABLE = 'sn_customerservice_case';
const CASE_FIELDS = 'sys_id,number,state,correlation_id,sys_updated_on,close_notes,short_description';

export class ServiceNowClient {
  private token: { value: string; expiresAt: number } | null = null;
  private readonly fetch: Fetch;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly config: ServiceNowConfig,
    options: { fetch?: Fetch; sleep?: (ms: number) => Promise<void> } = {},
  ) {
    this.fetch = options.fetch ?? ((request) => fetch(request));
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  /** The link staff follow to the case in the instance. */
  caseUrl(sysId: string): string {
    return `${this.config.instanceUrl}/nav_to.do?uri=${CASE_TABLE}.do?sys_id=${sysId}`;
  }

  async fieldValues(field: string): Promise<SnChoice[]> {
    return (await this.json<{ result: SnChoice[] }>('GET', `/api/sn_customerservice/case/field_values/${encodeURIComponent(field)}`)).result;
  }

  async findCaseByCorrelation(correlationId: string): Promise<SnCase | null> {
    const { result } = await this.json<{ result: SnCase[] }>('GET', '/api/sn_customerservice/case', {
      query: { sysparm_query: `correlation_id=${correlationId}`, sysparm_fields: CASE_FIELDS, sysparm_limit: '2', sysparm_reference_fields: 'false' },
    });
    return result[0] ?? null;
  }

  /** Cases this connector created (a correlation id set) updated at or after `since` (`YYYY-MM-DD HH:MM:SS`, the instance's own form), oldest first. */
  async casesUpdatedSince(since: string, offset: number, limit: number): Promise<SnCase[]> {
    const { result } = await this.json<{ result: SnCase[] }>('GET', '/api/sn_customerservice/case', {
      query: {
        sysparm_query: `correlation_idISNOTEMPTY^sys_updated_on>=${since}^ORDERBYsys_updated_on`,
        sysparm_fields: CASE_FIELDS,
        sysparm_limit: String(limit),
        sysparm_offset: String(offset),
        sysparm_reference_fields: 'false',
      },
    });
    return result;
  }

  async createCase(body: Record<string, string>): Promise<{ sys_id: string; number: string }> {
    return (await this.json<{ result: { sys_id: string; number: string } }>('POST', '/api/sn_customerservice/case', { json: body })).result;
  }

  async updateCase(sysId: string, body: Record<string, string>): Promise<void> {
    await this.json('PUT', `/api/sn_customerservice/case/${sysId}`, { json: body });
  }

  async getCase(sysId: string): Promise<SnCase> {
    return (await this.json<{ result: SnCase }>('GET', `/api/sn_customerservice/case/${sysId}`, { query: { sysparm_fields: CASE_FIELDS } })).result;
  }

  /** Journal entries of a case (comments, work notes), as the activity stream lists them. */
  async journal(sysId: string, types: readonly ('comments' | 'work_notes')[]): Promise<SnJournalEntry[]> {
    const answer = await this.json<{ result: { entries: SnJournalEntry[] } }>('GET', `/api/sn_customerservice/case/${sysId}/activities`, {
      query: { sysparm_activity_type: types.join(',') },
    });
    return answer.result.entries;
  }

  async findConsumerByEmail(email: string): Promise<string | null> {
    const { result } = await this.json<{ result: { sys_id: string }[] }>('GET', '/api/now/consumer', { query: { sysparm_query: `email=${email}`, sysparm_limit: '1' } });
    return result[0]?.sys_id ?? null;
  }

  async createConsumer(body: Record<string, string>): Promise<string> {
    return (await this.json<{ result: string }>('POST', '/api/now/consumer', { json: body })).result;
  }

  async attachmentNames(caseSysId: string): Promise<string[]> {
    const { result } = await this.json<{ result: { file_name: string }[] }>('GET', '/api/now/attachment', {
      query: { sysparm_query: `table_name=${CASE_TABLE}^table_sys_id=${caseSysId}`, sysparm_limit: '1000' },
    });
    return result.map((a) => a.file_name);
  }

  async uploadAttachment(caseSysId: string, fileName: string, contentType: string, bytes: Uint8Array): Promise<void> {
    await this.json('POST', '/api/now/attachment/file', {
      query: { table_name: CASE_TABLE, table_sys_id: caseSysId, file_name: fileName },
      raw: { bytes, contentType },
    });
  }

  private async json<T>(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    opts: { query?: Record<string, string>; json?: unknown; raw?: { bytes: Uint8Array; contentType: string } } = {},
  ): Promise<T> {
    const url = new URL(path, this.config.instanceUrl);
    for (const [k, v] of Object.entries(opts.query ?? {})) url.searchParams.set(k, v);
    let refreshed = false;
    for (let attempt = 0; ; attempt++) {
      const headers = new Headers({ Accept: 'application/json', Authorization: await this.authorization() });
      let body: BodyInit | undefined;
      if (opts.json !== undefined) {
        headers.set('Content-Type', 'application/json');
        body = JSON.stringify(opts.json);
      } else if (opts.raw) {
        headers.set('Content-Type', opts.raw.contentType);
        body = opts.raw.bytes as Uint8Array<ArrayBuffer>;
      }
      const response = await this.fetch(new Request(url, { method, headers, ...(body !== undefined ? { body } : {}) }));
      if (response.ok) return (await response.json()) as T;
      if (response.status === 429 && attempt < 5) {
        await this.sleep(Math.min(retryAfterMs(response), 120_000));
        continue;
      }
      if (response.status === 401 && this.config.auth.kind === 'oauth' && !refreshed) {
        this.token = null;
        refreshed = true;
        continue;
      }
      const detail = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
      throw new ServiceNowError(response.status, detail?.error?.message ?? response.statusText);
    }
  }

  private async authorization(): Promise<string> {
    const { auth } = this.config;
    if (auth.kind === 'basic') return `Basic ${Buffer.from(`${auth.user}:${auth.password}`).toString('base64')}`;
    if (this.token && this.token.expiresAt > Date.now() + 60_000) return `Bearer ${this.token.value}`;
    let response: Response;
    for (let attempt = 0; ; attempt++) {
      response = await this.fetch(
        new Request(new URL('/oauth_token.do', this.config.instanceUrl), {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
          body: new URLSearchParams({ grant_type: 'client_credentials', client_id: auth.clientId, client_secret: auth.clientSecret }).toString(),
        }),
      );
      if (response.status !== 429 || attempt >= 5) break;
      await this.sleep(Math.min(retryAfterMs(response), 120_000));
    }
    if (!response.ok) throw new ServiceNowError(response.status, 'oauthTokenRefused');
    const token = (await response.json()) as { access_token: string; expires_in: number };
    this.token = { value: token.access_token, expiresAt: Date.now() + token.expires_in * 1000 };
    return `Bearer ${token.access_token}`;
  }
}
