import { randomBytes } from 'node:crypto';
import { Hono, type Context } from 'hono';

/**
 * A fake ServiceNow CSM instance for the tests — no test talks to the internet. It answers only what the
 * connector calls, as ServiceNow's documentation (ServiceNow/ServiceNowDocs, markdown/api-reference/) describes,
 * and is strict where the documentation is:
 *   - rest-api-explorer/r_RESTOAuthExample.md: POST /oauth_token.do → { access_token, token_type, expires_in };
 *     every API call needs `Authorization` (Bearer token or Basic), else 401;
 *   - rest-apis/case-api.md: GET /api/sn_customerservice/case (sysparm_query with `^`-joined `field=value`,
 *     `fieldISNOTEMPTY`, `field>=value`, `ORDERBYfield`; sysparm_limit, sysparm_offset) → { result: [...] };
 *     POST /case → 201 { result: { sys_id, number } }; PUT /case/{id} → 200 { result: {...} } (404 unknown);
 *     GET /case/{id}/activities (sysparm_activity_type) → { result: { entries: [...] } };
 *     GET /case/field_values/{field} → { result: [{ label, value }] }; the "does not perform parameter
 *     validation" warning: unknown fields are dropped silently, and so is text beyond a field's length
 *     (short_description 160, description 4,000), as an instance does;
 *   - rest-apis/consumer-api.md: GET /api/now/consumer (sysparm_query `email=…`) → { result: [...] };
 *     POST → 201 { result: "<sys_id>" };
 *   - rest-apis/c_AttachmentAPI.md: POST /api/now/attachment/file needs table_name, table_sys_id and file_name
 *     (400 without) and a Content-Type (mandatory), 404 for an unknown record; GET /api/now/attachment.
 * Agents act through `agentComment`, `agentWorkNote` and `setState`; `rateLimitNext` answers 429 with
 * Retry-After; `failNext` drops a request after (or before) it is applied, as a crash between the two would.
 */

export interface FakeCase {
  sys_id: string;
  number: string;
  state: string;
  correlation_id: string;
  correlation_display: string;
  short_description: string;
  description: string;
  consumer: string;
  contact_type: string;
  close_notes: string;
  sys_created_on: string;
  sys_updated_on: string;
}

interface JournalEntry {
  sys_id: string;
  case: string;
  element: 'comments' | 'work_notes';
  value: string;
  sys_created_on: string;
  login_name: string;
}

interface Attachment {
  sys_id: string;
  table_name: string;
  table_sys_id: string;
  file_name: string;
  content_type: string;
  bytes: Uint8Array;
}

const CASE_FIELDS = new Set(['account', 'active', 'close_notes', 'comments', 'consumer', 'contact', 'contact_type', 'correlation_display', 'correlation_id', 'description', 'priority', 'resolution_code', 'short_description', 'state', 'work_notes']);
const LIMITS: Record<string, number> = { short_description: 160, description: 4000, close_notes: 4000, correlation_id: 100 };
const STATES = [
  { label: 'New', value: '1' },
  { label: 'Open', value: '10' },
  { label: 'Awaiting Info', value: '18' },
  { label: 'Resolved', value: '6' },
  { label: 'Closed', value: '3' },
  { label: 'Cancelled', value: '7' },
];
const CONTACT_TYPES = ['phone', 'email', 'web', 'social', 'chat'].map((v) => ({ label: v, value: v }));

export const FAKE_CLIENT = { id: 'redress-client', secret: 'redress-secret' };
export const FAKE_USER = { user: 'redress.integration', password: 'integration-password' };

const sysId = () => randomBytes(16).toString('hex');

export class FakeServiceNow {
  readonly cases: FakeCase[] = [];
  readonly consumers: { sys_id: string; email: string; name: string }[] = [];
  readonly journal: JournalEntry[] = [];
  readonly attachments: Attachment[] = [];
  readonly app = new Hono();
  /** Requests seen, by "METHOD path" (for tests). */
  readonly requests: string[] = [];
  states = STATES;
  private seconds = Date.parse('2026-12-18T10:00:00Z') / 1000;
  private tokens = new Set<string>();
  private limited = 0;
  private failures: ('before' | 'after')[] = [];

  constructor() {
    const app = this.app;
    app.use('*', async (c, next) => {
      this.requests.push(`${c.req.method} ${new URL(c.req.url).pathname}`);
      if (this.limited > 0) {
        this.limited--;
        return c.json({ error: { message: 'Too many requests' } }, 429, { 'Retry-After': '1' });
      }
      if (!new URL(c.req.url).pathname.startsWith('/oauth_token.do') && !this.authorised(c.req.header('Authorization'))) {
        return c.json({ error: { message: 'User Not Authenticated' } }, 401);
      }
      await next();
    });

    app.post('/oauth_token.do', async (c) => {
      const form = new URLSearchParams(await c.req.text());
      if (form.get('grant_type') !== 'client_credentials' || form.get('client_id') !== FAKE_CLIENT.id || form.get('client_secret') !== FAKE_CLIENT.secret) {
        return c.json({ error: 'access_denied' }, 401);
      }
      const token = sysId();
      this.tokens.add(token);
      return c.json({ access_token: token, token_type: 'Bearer', expires_in: 1799, scope: 'useraccount' });
    });

    app.get('/api/sn_customerservice/case/field_values/:field', (c) => {
      const field = c.req.param('field');
      if (field === 'state') return c.json({ result: this.states });
      if (field === 'contact_type') return c.json({ result: CONTACT_TYPES });
      return c.json({ result: [] });
    });

    app.get('/api/sn_customerservice/case', (c) => {
      const query = c.req.query('sysparm_query') ?? '';
      const limit = Number(c.req.query('sysparm_limit') ?? 10_000);
      const offset = Number(c.req.query('sysparm_offset') ?? 0);
      if (offset < 0) return c.json({ error: { message: 'negative offset' } }, 400);
      const rows = selectRows(this.cases, query).slice(offset, offset + limit);
      return c.json({ result: rows.map((r) => pick(r, c.req.query('sysparm_fields'))) });
    });

    app.get('/api/sn_customerservice/case/:id', (c) => {
      const found = this.find(c.req.param('id'));
      if (!found) return c.json({ error: { message: 'No Record found' } }, 404);
      return c.json({ result: pick(found, c.req.query('sysparm_fields')) });
    });

    app.post('/api/sn_customerservice/case', async (c) => {
      const body = await jsonBody(c);
      if (!body) return c.json({ error: { message: 'malformed request' } }, 400);
      const at = this.tick();
      const row: FakeCase = {
        sys_id: sysId(),
        number: `CS${String(1001 + this.cases.length).padStart(7, '0')}`,
        state: '1',
        correlation_id: '',
        correlation_display: '',
        short_description: '',
        description: '',
        consumer: '',
        contact_type: '',
        close_notes: '',
        sys_created_on: at,
        sys_updated_on: at,
      };
      this.apply(row, body, at);
      this.cases.push(row);
      return c.json({ result: { sys_id: row.sys_id, number: row.number } }, 201);
    });

    app.put('/api/sn_customerservice/case/:id', async (c) => {
      const found = this.find(c.req.param('id'));
      if (!found) return c.json({ error: { message: 'No Record found' } }, 404);
      const body = await jsonBody(c);
      if (!body) return c.json({ error: { message: 'malformed request' } }, 400);
      this.apply(found, body, this.tick());
      return c.json({ result: found });
    });

    app.get('/api/sn_customerservice/case/:id/activities', (c) => {
      const found = this.find(c.req.param('id'));
      if (!found) return c.json({ error: { message: 'No Record found' } }, 404);
      const types = (c.req.query('sysparm_activity_type') ?? 'comments,work_notes').split(',').map((t) => t.trim());
      // The activity stream lists the newest first.
      const entries = this.journal
        .filter((e) => e.case === found.sys_id && types.includes(e.element))
        .reverse()
        .map((e) => ({ sys_id: e.sys_id, element: e.element, value: e.value, sys_created_on: e.sys_created_on, login_name: e.login_name, field_label: e.element === 'comments' ? 'Additional comments' : 'Work notes' }));
      return c.json({ result: { sys_id: found.sys_id, number: found.number, entries } });
    });

    app.get('/api/now/consumer', (c) => {
      const rows = selectRows(this.consumers, c.req.query('sysparm_query') ?? '').slice(0, Number(c.req.query('sysparm_limit') ?? 10));
      return c.json({ result: rows });
    });

    app.post('/api/now/consumer', async (c) => {
      const body = await jsonBody(c);
      if (!body) return c.json({ error: { message: 'malformed request' } }, 400);
      const row = { sys_id: sysId(), email: text(body.email), name: text(body.name) };
      this.consumers.push(row);
      return c.json({ result: row.sys_id }, 201);
    });

    app.get('/api/now/attachment', (c) => {
      const rows = selectRows(this.attachments, c.req.query('sysparm_query') ?? '');
      return c.json({ result: rows.map(({ bytes, ...meta }) => ({ ...meta, size_bytes: String(bytes.length) })) });
    });

    app.post('/api/now/attachment/file', async (c) => {
      const table = c.req.query('table_name');
      const record = c.req.query('table_sys_id');
      const fileName = c.req.query('file_name');
      const contentType = c.req.header('Content-Type');
      if (!table || !record || !fileName || !contentType) return c.json({ error: { message: 'Missing mandatory parameter' } }, 400);
      if (table !== 'sn_customerservice_case' || !this.find(record)) return c.json({ error: { message: 'Record not found' } }, 404);
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      const row = { sys_id: sysId(), table_name: table, table_sys_id: record, file_name: fileName, content_type: contentType, bytes };
      this.attachments.push(row);
      return c.json({ result: { sys_id: row.sys_id, file_name: fileName, content_type: contentType, size_bytes: String(bytes.length) } }, 201, { Location: `/api/now/attachment/${row.sys_id}` });
    });
  }

  /** Answers a request as the instance would (in process, no socket). */
  readonly fetch = async (request: Request): Promise<Response> => {
    const failure = this.failures.shift();
    if (failure === 'before') throw new FakeDropped();
    const response = await this.app.fetch(request);
    if (failure === 'after') throw new FakeDropped();
    return response;
  };

  // ---- what an agent does in the instance ----
  agentComment(caseSysId: string, text: string, login = 'beth.agent'): string {
    return this.addJournal(caseSysId, 'comments', text, login);
  }

  agentWorkNote(caseSysId: string, text: string, login = 'beth.agent'): string {
    return this.addJournal(caseSysId, 'work_notes', text, login);
  }

  setState(caseSysId: string, state: string, closeNotes?: string): void {
    const row = this.find(caseSysId)!;
    row.state = state;
    if (closeNotes !== undefined) row.close_notes = closeNotes;
    row.sys_updated_on = this.tick();
  }

  /** The next `n` requests answer 429 with Retry-After: 1. */
  rateLimitNext(n: number): void {
    this.limited = n;
  }

  /** The next request is dropped: before the instance applies it, or after (the answer is lost). */
  failNext(when: 'before' | 'after'): void {
    this.failures.push(when);
  }

  byCorrelation(reference: string): FakeCase[] {
    return this.cases.filter((c) => c.correlation_id === reference);
  }

  comments(caseSysId: string, element: 'comments' | 'work_notes' = 'comments'): JournalEntry[] {
    return this.journal.filter((e) => e.case === caseSysId && e.element === element);
  }

  private addJournal(caseSysId: string, element: 'comments' | 'work_notes', value: string, login: string): string {
    const row = this.find(caseSysId)!;
    const at = this.tick();
    const entry = { sys_id: sysId(), case: caseSysId, element, value, sys_created_on: at, login_name: login };
    this.journal.push(entry);
    row.sys_updated_on = at;
    return entry.sys_id;
  }

  private apply(row: FakeCase, body: Record<string, unknown>, at: string): void {
    for (const [field, raw] of Object.entries(body)) {
      if (!CASE_FIELDS.has(field)) continue; // unknown fields are dropped without a warning
      const value = text(raw);
      if (field === 'comments' || field === 'work_notes') {
        this.journal.push({ sys_id: sysId(), case: row.sys_id, element: field, value, sys_created_on: at, login_name: FAKE_USER.user });
        continue;
      }
      if (field in row) (row as unknown as Record<string, string>)[field] = LIMITS[field] ? value.slice(0, LIMITS[field]) : value;
    }
    row.sys_updated_on = at;
  }

  private find(idOrNumber: string): FakeCase | undefined {
    return this.cases.find((c) => c.sys_id === idOrNumber || c.number === idOrNumber);
  }

  private authorised(header: string | undefined): boolean {
    if (!header) return false;
    const [scheme, value = ''] = header.split(' ');
    if (scheme === 'Bearer') return this.tokens.has(value);
    if (scheme === 'Basic') return Buffer.from(value, 'base64').toString() === `${FAKE_USER.user}:${FAKE_USER.password}`;
    return false;
  }

  /** The instance's clock, one second per change, in its `YYYY-MM-DD HH:MM:SS` form. */
  private tick(): string {
    this.seconds += 1;
    return new Date(this.seconds * 1000).toISOString().slice(0, 19).replace('T', ' ');
  }
}

/** A request the fake drops, as a connection lost mid-flight: the caller's fetch rejects. */
export class FakeDropped extends Error {
  constructor() {
    super('connection dropped');
    this.name = 'FakeDropped';
  }
}

async function jsonBody(c: Context): Promise<Record<string, unknown> | null> {
  if (!(c.req.header('Content-Type') ?? '').includes('application/json')) return null;
  try {
    const body = (await c.req.json()) as unknown;
    return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The encoded-query subset the connector uses: `a=b`, `aISNOTEMPTY`, `a>=b`, `ORDERBYa`, joined by `^`. */
function selectRows<T extends object>(rows: readonly T[], query: string): T[] {
  let out = [...rows];
  let order: string | null = null;
  for (const term of query.split('^').filter(Boolean)) {
    const get = (row: T, field: string) => text((row as Record<string, unknown>)[field]);
    if (term.startsWith('ORDERBY')) order = term.slice('ORDERBY'.length);
    else if (term.endsWith('ISNOTEMPTY')) out = out.filter((r) => get(r, term.slice(0, -'ISNOTEMPTY'.length)) !== '');
    else if (term.includes('>=')) {
      const [field, value] = term.split('>=') as [string, string];
      out = out.filter((r) => get(r, field) >= value);
    } else if (term.includes('=')) {
      const [field, value] = term.split('=') as [string, string];
      out = out.filter((r) => get(r, field) === value);
    }
  }
  if (order) {
    const field = order;
    out.sort((a, b) => text((a as Record<string, unknown>)[field]).localeCompare(text((b as Record<string, unknown>)[field])));
  }
  return out;
}

/** A field's value as the instance compares it: strings, numbers and booleans as text, anything else empty. */
function text(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}

function pick<T extends object>(row: T, fields: string | undefined): Partial<T> {
  if (!fields) return row;
  const wanted = fields.split(',');
  return Object.fromEntries(Object.entries(row).filter(([k]) => wanted.includes(k))) as Partial<T>;
}
