/**
 * Writes the complaints API's OpenAPI 3.1 document (src/api/openapi.json) from the contract's
 * schemas (src/api/schemas.ts) and the operations below, then generates TypeScript types from
 * the document (src/api/openapi.d.ts) with openapi-typescript.
 *   npm run api:gen     write both files
 *   npm run api:check   fail when either committed file differs from what the schemas produce
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as z from 'zod';
import openapiTS, { astToString } from 'openapi-typescript';
import * as s from '../src/api/schemas.ts';
import { providerProfileSchema } from '../src/domain/profile-schema.ts';

const components = {
  Problem: s.problemSchema,
  Customer: s.customerSchema,
  Session: s.sessionSchema,
  SignIn: s.signInSchema,
  GuestLookup: s.guestLookupSchema,
  ProviderProfile: providerProfileSchema,
  ComplaintSubmission: s.complaintSubmissionSchema,
  Attachment: s.attachmentSchema,
  Case: s.caseSchema,
  CaseResponse: s.caseResponseSchema,
  CaseSummary: s.caseSummarySchema,
  CaseList: s.caseListResponseSchema,
  TimelineEvent: s.timelineEventSchema,
  Timeline: s.timelineResponseSchema,
  CommentInput: s.commentInputSchema,
  ResolutionDecision: s.resolutionDecisionSchema,
  EscalationInput: s.escalationInputSchema,
  Letter: s.letterSchema,
  LetterRequest: s.letterRequestSchema,
  ReferralInput: s.referralInputSchema,
  FeedbackInput: s.feedbackInputSchema,
  DemoCustomers: s.demoCustomersResponseSchema,
  DemoClock: s.demoClockSchema,
  DemoClockInput: s.demoClockInputSchema,
} satisfies Record<string, z.ZodType>;

type Name = keyof typeof components;
const ref = (name: Name) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: Name) => ({ content: { 'application/json': { schema: ref(name) } } });
const problems = (...codes: number[]) =>
  Object.fromEntries(codes.map((code) => [String(code), { $ref: `#/components/responses/Problem` }]));
const reference = { name: 'reference', in: 'path', required: true, schema: { type: 'string' } };
const idempotencyKey = {
  name: 'Idempotency-Key',
  in: 'header',
  required: true,
  description: 'Created once per draft or action and sent with every retry; the first answer is replayed.',
  schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{16,128}$' },
};
const provider = {
  name: 'X-Redress-Provider',
  in: 'header',
  required: true,
  description: 'The provider whose back office answers (one per deployment in production).',
  schema: { type: 'string', enum: ['nasstar', 'netservers', 'commsombudsman', 'ask4', 'miso'] },
};
const secured = [{ bearer: [] }];
const op = (
  summary: string,
  extra: { body?: Name | 'multipart'; ok: [number, Name | null]; errors: number[]; params?: object[]; auth?: boolean; tags: string[] },
) => ({
  summary,
  tags: extra.tags,
  parameters: [provider, ...(extra.params ?? [])],
  ...(extra.auth === false ? { security: [] } : { security: secured }),
  ...(extra.body === 'multipart'
    ? {
        requestBody: {
          required: true,
          content: { 'multipart/form-data': { schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } } },
        },
      }
    : extra.body
      ? { requestBody: { required: true, ...json(extra.body) } }
      : {}),
  responses: {
    [String(extra.ok[0])]: extra.ok[1] ? { description: 'OK', ...json(extra.ok[1]) } : { description: 'No content' },
    ...problems(...extra.errors),
  },
});

const paths = {
  '/session': {
    get: op('Who am I', { ok: [200, 'Session'], errors: [401], tags: ['session'] }),
    post: op('Sign in as a customer', { body: 'SignIn', ok: [201, 'Session'], errors: [401, 422], auth: false, tags: ['session'] }),
    delete: op('Sign out', { ok: [204, null], errors: [], tags: ['session'] }),
  },
  '/session/guest': {
    post: op('Track one case as a guest with its reference and email', { body: 'GuestLookup', ok: [201, 'Session'], errors: [404, 422], auth: false, tags: ['session'] }),
  },
  '/provider': { get: op("The provider's complaints procedure", { ok: [200, 'ProviderProfile'], errors: [400], auth: false, tags: ['provider'] }) },
  '/cases': {
    get: op('My cases (a business sees its whole account)', {
      ok: [200, 'CaseList'],
      errors: [401],
      tags: ['cases'],
      params: [
        { name: 'status', in: 'query', schema: { type: 'string' } },
        { name: 'stage', in: 'query', schema: { type: 'string' } },
        { name: 'q', in: 'query', schema: { type: 'string' }, description: 'Reference or words of the summary' },
        { name: 'sort', in: 'query', schema: { type: 'string', enum: ['updated', 'deadline'] } },
      ],
    }),
    post: op('Submit a complaint with its evidence (signed in or as a guest)', {
      body: 'ComplaintSubmission',
      ok: [201, 'CaseResponse'],
      errors: [400, 422, 429, 500],
      params: [idempotencyKey],
      auth: false,
      tags: ['cases'],
    }),
  },
  '/attachments': {
    post: op('Upload an evidence file before submitting (type checked from content)', { body: 'multipart', ok: [201, 'Attachment'], errors: [400, 413, 422], auth: false, tags: ['cases'] }),
  },
  '/cases/{reference}': { get: op('A case', { ok: [200, 'CaseResponse'], errors: [401, 404], params: [reference], tags: ['cases'] }) },
  '/cases/{reference}/timeline': { get: op("A case's timeline", { ok: [200, 'Timeline'], errors: [401, 404], params: [reference], tags: ['cases'] }) },
  '/cases/{reference}/comments': {
    post: op('Add a comment', { body: 'CommentInput', ok: [201, 'TimelineEvent'], errors: [401, 404, 409, 422], params: [reference, idempotencyKey], tags: ['cases'] }),
  },
  '/cases/{reference}/attachments': {
    post: op('Add an evidence file to an open case', { body: 'multipart', ok: [201, 'Attachment'], errors: [401, 404, 409, 422], params: [reference, idempotencyKey], tags: ['cases'] }),
  },
  '/cases/{reference}/attachments/{id}': {
    get: {
      ...op('Download an evidence file', { ok: [200, null], errors: [401, 404], params: [reference, { name: 'id', in: 'path', required: true, schema: { type: 'string' } }], tags: ['cases'] }),
      responses: { '200': { description: 'The file', content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } }, ...problems(401, 404) },
    },
  },
  '/cases/{reference}/resolution': {
    post: op('Accept or reject a proposed resolution', { body: 'ResolutionDecision', ok: [200, 'CaseResponse'], errors: [401, 404, 409, 422], params: [reference], tags: ['cases'] }),
  },
  '/cases/{reference}/feedback': {
    post: op('Rate how a resolved case was handled', { body: 'FeedbackInput', ok: [201, 'CaseResponse'], errors: [401, 404, 409, 422], params: [reference], tags: ['cases'] }),
  },
  '/cases/{reference}/escalations': {
    post: op('Ask to move to the next stage of the procedure', { body: 'EscalationInput', ok: [201, 'CaseResponse'], errors: [401, 404, 409, 422], params: [reference], tags: ['escalation'] }),
  },
  '/cases/{reference}/deadlock-letter': {
    post: op('Ask for a deadlock letter, or the ADR letter owed at 8 weeks', { body: 'LetterRequest', ok: [201, 'Letter'], errors: [401, 404, 409, 422], params: [reference], tags: ['escalation'] }),
  },
  '/cases/{reference}/letters/{id}': {
    get: op('A letter issued on the case', { ok: [200, 'Letter'], errors: [401, 404], params: [reference, { name: 'id', in: 'path', required: true, schema: { type: 'string' } }], tags: ['escalation'] }),
  },
  '/cases/{reference}/referral': {
    post: op("Record the referral to the provider's ADR scheme", { body: 'ReferralInput', ok: [201, 'CaseResponse'], errors: [401, 404, 409, 422], params: [reference], tags: ['adr'] }),
  },
  '/demo/customers': { get: op('Demo only: the seeded customers', { ok: [200, 'DemoCustomers'], errors: [], auth: false, tags: ['demo'] }) },
  '/demo/clock': {
    get: op("Demo only: the simulated back office's clock", { ok: [200, 'DemoClock'], errors: [], auth: false, tags: ['demo'] }),
    put: op('Demo only: set or move the clock', { body: 'DemoClockInput', ok: [200, 'DemoClock'], errors: [422], auth: false, tags: ['demo'] }),
  },
};

function schemaOf(schema: z.ZodType): object {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'output', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

const document = {
  openapi: '3.1.0',
  info: {
    title: 'Redress complaints API',
    version: '1.0.0',
    description:
      'Complaints for a communications provider: sessions, the procedure, cases with their timeline, evidence, comments, escalation, deadlock letters and ADR referral. Errors are application/problem+json (RFC 9457) with a stable `code` and field `errors`.',
  },
  servers: [{ url: '/api' }],
  components: {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    responses: {
      Problem: { description: 'A problem (RFC 9457)', content: { 'application/problem+json': { schema: ref('Problem') } } },
    },
    schemas: Object.fromEntries(Object.entries(components).map(([name, schema]) => [name, schemaOf(schema)])),
  },
  paths,
};

const documentText = `${JSON.stringify(document, null, 2)}\n`;
const typesText = `/* Generated by scripts/gen-api.ts from src/api/openapi.json with openapi-typescript. Do not edit. */\n${astToString(
  await openapiTS(JSON.parse(documentText) as Parameters<typeof openapiTS>[0]),
)}`;

const files: [string, string][] = [
  ['src/api/openapi.json', documentText],
  ['src/api/openapi.d.ts', typesText],
];
if (process.argv.includes('--check')) {
  const drifted = files.filter(([path, text]) => {
    try {
      return readFileSync(path, 'utf8') !== text;
    } catch {
      return true;
    }
  });
  if (drifted.length) {
    console.error(`API contract drift: ${drifted.map(([p]) => p).join(', ')} differ from src/api/schemas.ts. Run npm run api:gen and commit.`);
    process.exit(1);
  }
  console.log('API contract: openapi.json and openapi.d.ts match the schemas');
} else {
  for (const [path, text] of files) writeFileSync(path, text);
  console.log('Wrote src/api/openapi.json and src/api/openapi.d.ts');
}
