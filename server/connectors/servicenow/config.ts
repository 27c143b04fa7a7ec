import { z } from '@/domain/zod';

/**
 * The ServiceNow connector's configuration, from the environment (README "Run it for real" → ServiceNow).
 * Instances number case states differently and silently drop fields they do not know, so the states and the
 * contact type are a map checked against the instance's own choice lists at start-up (`check`).
 */

const blankAsUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** Which instance state means what to Redress. Defaults: the CSM states of an out-of-the-box instance. */
export const fieldMapSchema = z.object({
  states: z.object({
    /** A new case, as Redress creates it. */
    new: z.string().default('1'),
    /** The agent has taken it up: Redress records the acknowledgement. */
    open: z.string().default('10'),
    /** The agent waits for the customer: Redress shows "waiting for you". */
    awaitingInfo: z.string().default('18'),
    /** The agent proposes a resolution (its close notes): the customer accepts or rejects it in the portal. */
    resolved: z.string().default('6'),
    /** Closed: accepted in the portal, or closed by the agent. */
    closed: z.string().default('3'),
  }).prefault({}),
  /** contact_type of the cases Redress creates. */
  contactType: z.string().default('web'),
}).prefault({});
export type FieldMap = z.infer<typeof fieldMapSchema>;

export const serviceNowEnvSchema = z
  .object({
    SERVICENOW_INSTANCE_URL: z.url({ protocol: /^https?$/ }),
    SERVICENOW_CLIENT_ID: z.preprocess(blankAsUndefined, z.string().optional()),
    SERVICENOW_CLIENT_SECRET: z.preprocess(blankAsUndefined, z.string().optional()),
    SERVICENOW_USER: z.preprocess(blankAsUndefined, z.string().optional()),
    SERVICENOW_PASSWORD: z.preprocess(blankAsUndefined, z.string().optional()),
    /** The integration user's user name: its own journal entries are not brought back. */
    SERVICENOW_INTEGRATION_USER: z.string().min(1),
    /** JSON of the field map (see fieldMapSchema); unset: the defaults. */
    SERVICENOW_FIELD_MAP: z.preprocess(blankAsUndefined, z.string().optional()),
    /** How far back each poll looks again before the last change it saw (the instance's clock has 1 s steps). */
    SERVICENOW_POLL_OVERLAP_SECONDS: z.preprocess(blankAsUndefined, z.coerce.number().int().min(1).max(3600).default(120)),
    /** Plain http is for a local test instance only. */
    SERVICENOW_ALLOW_HTTP: z.preprocess(blankAsUndefined, z.enum(['true', 'false']).optional()),
  })
  .superRefine((env, ctx) => {
    const oauth = env.SERVICENOW_CLIENT_ID && env.SERVICENOW_CLIENT_SECRET;
    const basic = env.SERVICENOW_USER && env.SERVICENOW_PASSWORD;
    if (!oauth && !basic) ctx.addIssue({ code: 'custom', path: ['SERVICENOW_CLIENT_ID'], message: 'set SERVICENOW_CLIENT_ID and SERVICENOW_CLIENT_SECRET (OAuth), or SERVICENOW_USER and SERVICENOW_PASSWORD (basic)' });
    if (env.SERVICENOW_INSTANCE_URL.startsWith('http:') && env.SERVICENOW_ALLOW_HTTP !== 'true') {
      ctx.addIssue({ code: 'custom', path: ['SERVICENOW_INSTANCE_URL'], message: 'must be https' });
    }
  })
  .transform((env) => ({
    instanceUrl: env.SERVICENOW_INSTANCE_URL.replace(/\/+$/, ''),
    auth: env.SERVICENOW_CLIENT_ID && env.SERVICENOW_CLIENT_SECRET
      ? ({ kind: 'oauth', clientId: env.SERVICENOW_CLIENT_ID, clientSecret: env.SERVICENOW_CLIENT_SECRET } as const)
      : ({ kind: 'basic', user: env.SERVICENOW_USER ?? '', password: env.SERVICENOW_PASSWORD ?? '' } as const),
    integrationUser: env.SERVICENOW_INTEGRATION_USER,
    fieldMap: fieldMapSchema.parse(env.SERVICENOW_FIELD_MAP ? JSON.parse(env.SERVICENOW_FIELD_MAP) : {}),
    pollOverlapSeconds: env.SERVICENOW_POLL_OVERLAP_SECONDS,
  }));
export type ServiceNowConfig = z.infer<typeof serviceNowEnvSchema>;

export function loadServiceNowConfig(env: Record<string, string | undefined>): ServiceNowConfig {
  const parsed = serviceNowEnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`ServiceNow configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}
