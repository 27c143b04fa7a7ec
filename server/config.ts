import { resolve } from 'node:path';
import { z } from '@/domain/zod';
import { providerIds } from '@/domain/provider-ids';
import { DEFAULT_CASE_RETENTION_YEARS } from '@/core/retention';

/**
 * Everything the server reads from its environment, in one place, validated at start-up so that a typo
 * stops the server with a clear message instead of a surprise at the first request. server/README.md lists
 * the variables.
 */

const blankAsUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankAsUndefined, schema.optional());

export const configSchema = z
  .object({
    PORT: z.preprocess(blankAsUndefined, z.coerce.number().int().min(0).max(65_535).default(3000)),
    /** Loopback unless told otherwise: listening on every interface is a deliberate choice (HOST=0.0.0.0). */
    HOST: z.preprocess(blankAsUndefined, z.string().default('127.0.0.1')),
    DATABASE_URL: optional(z.url({ protocol: /^postgres(ql)?$/ })),
    /** Connections in each instance's pool to PostgreSQL (PGlite always uses one). */
    DATABASE_POOL_SIZE: z.preprocess(blankAsUndefined, z.coerce.number().int().min(1).max(500).default(10)),
    DATA_DIR: z.preprocess(blankAsUndefined, z.string().default('./data/pglite')),
    FILES_DIR: z.preprocess(blankAsUndefined, z.string().default('./data/files')),
    /** The provider a production build serves (the build's VITE_PROVIDER). */
    PROVIDER: z.preprocess(blankAsUndefined, z.enum(providerIds).default('nasstar')),
    /** The built portal to serve; relative to the working directory. */
    DIST_DIR: z.preprocess(blankAsUndefined, z.string().default('./dist')),
    S3_BUCKET: optional(z.string()),
    S3_ENDPOINT: optional(z.url()),
    S3_REGION: optional(z.string()),
    /** Path-style addressing, which most S3-compatible stores (MinIO, Ceph) need; default true when S3_ENDPOINT is set. */
    S3_FORCE_PATH_STYLE: optional(z.enum(['true', 'false'])),
    /** Demo mode: seeded customers, the simulated provider, a movable clock and reset (never for real use). */
    DEMO: optional(z.enum(['0', '1', 'true', 'false'])),
    /** Send the session cookie with Secure (default). Set to false only for plain-HTTP testing on another host. */
    COOKIE_SECURE: optional(z.enum(['true', 'false'])),
    /** Other origins allowed to make state-changing requests (comma-separated), e.g. behind a proxy. */
    ALLOWED_ORIGINS: optional(z.string()),
    /** SMTP server for sign-in mails, e.g. smtp://user:pass@mail.example:587; unset: the outbox (demo, or MAIL_OUTBOX=1). */
    SMTP_URL: optional(z.url({ protocol: /^smtps?$/ })),
    /** Keep mails in the outbox table instead of sending them (development only): without SMTP_URL, production needs it said. */
    MAIL_OUTBOX: optional(z.enum(['0', '1', 'true', 'false'])),
    /**
     * The secret sign-in codes, links and rate-limit keys are hashed with (HMAC), at least 32 characters; every
     * instance needs the same. Unset: required with DATABASE_URL; with PGlite, generated once into DATA_DIR/secret.
     */
    SERVER_SECRET: optional(z.string().min(32, 'at least 32 characters')),
    /** The From address of the server's mails. */
    MAIL_FROM: z.preprocess(blankAsUndefined, z.string().default('Redress <no-reply@redress.invalid>')),
    /**
     * Where security researchers report a vulnerability in this deployment (RFC 9116 "Contact": a mailto: or https:
     * URI), published at /.well-known/security.txt. Unset: that file is not served.
     */
    SECURITY_CONTACT: optional(z.string().regex(/^(mailto:[^\s@]+@[^\s@]+|https:\/\/\S+)$/, 'a mailto: address or an https: URL')),
    /** The portal's public origin, for links in mails (never taken from a request's Host header). */
    PUBLIC_URL: optional(z.url({ protocol: /^https?$/ })),
    /**
     * How many proxies in front of the server append to X-Forwarded-For: the client's IP (rate limits) is the
     * entry that many from the right (the entries further left are whatever the client sent). 0: the socket's peer.
     */
    TRUST_PROXY_HOPS: optional(z.coerce.number().int().min(0).max(10)),
    /** Older form of TRUST_PROXY_HOPS=1 (one proxy). */
    TRUST_PROXY: optional(z.enum(['true', 'false'])),
    /**
     * Rate limits on submitting, uploading and commenting (src/core/http/write-limits.ts): unset or 1 the defaults,
     * a whole number multiplies them, `off` none (a load test from one address; never in a deployment).
     */
    WRITE_RATE_LIMITS: optional(z.union([z.literal('off'), z.coerce.number().int().min(1).max(1000)])),
    /** Tests only: webhooks may go to plain http on 127.0.0.1 (never set in a deployment). */
    WEBHOOKS_TEST_ALLOW_LOOPBACK: optional(z.enum(['true', 'false'])),
    LOG_LEVEL: z.preprocess(blankAsUndefined, z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info')),
    /**
     * How long an idle keep-alive connection stays open. Longer than the idle timeout of whatever sits in front
     * (commonly 60 s): the proxy must close first, or it sends a request on a
     * connection the server is closing and answers 502 (docs/decisions/0095-keep-alive-timeout.md).
     */
    /**
     * Years a resolved or closed case is kept whole before its personal data is erased (docs/security.md, decision
     * 0112): 6, the limitation period for claims in contract in England and Wales.
     */
    CASE_RETENTION_YEARS: z.preprocess(blankAsUndefined, z.coerce.number().int().min(1).max(100).default(DEFAULT_CASE_RETENTION_YEARS)),
    KEEP_ALIVE_TIMEOUT_MS: z.preprocess(blankAsUndefined, z.coerce.number().int().min(1000).max(3_600_000).default(65_000)),
  })
  .transform((env) => ({
    port: env.PORT,
    host: env.HOST,
    databaseUrl: env.DATABASE_URL ?? null,
    poolSize: env.DATABASE_POOL_SIZE,
    dataDir: resolve(env.DATA_DIR),
    filesDir: resolve(env.FILES_DIR),
    provider: env.PROVIDER,
    distDir: resolve(env.DIST_DIR),
    s3: env.S3_BUCKET
      ? {
          bucket: env.S3_BUCKET,
          endpoint: env.S3_ENDPOINT ?? null,
          region: env.S3_REGION ?? 'us-east-1',
          forcePathStyle: env.S3_FORCE_PATH_STYLE ? env.S3_FORCE_PATH_STYLE === 'true' : env.S3_ENDPOINT !== undefined,
        }
      : null,
    logLevel: env.LOG_LEVEL,
    keepAliveTimeoutMs: env.KEEP_ALIVE_TIMEOUT_MS,
    caseRetentionYears: env.CASE_RETENTION_YEARS,
    demo: env.DEMO === '1' || env.DEMO === 'true',
    cookieSecure: env.COOKIE_SECURE !== 'false',
    smtpUrl: env.SMTP_URL ?? null,
    mailOutbox: env.MAIL_OUTBOX === '1' || env.MAIL_OUTBOX === 'true',
    secret: env.SERVER_SECRET ?? null,
    mailFrom: env.MAIL_FROM,
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, ''),
    webhooksAllowLoopback: env.WEBHOOKS_TEST_ALLOW_LOOPBACK === 'true',
    securityContact: env.SECURITY_CONTACT ?? null,
    /** Whether PUBLIC_URL was given: then an API request must be addressed to its host (or ALLOWED_ORIGINS'). */
    publicUrlSet: env.PUBLIC_URL !== undefined,
    trustProxyHops: env.TRUST_PROXY_HOPS ?? (env.TRUST_PROXY === 'true' ? 1 : 0),
    writeRateLimits: env.WRITE_RATE_LIMITS === 'off' ? null : (env.WRITE_RATE_LIMITS ?? 1),
    allowedOrigins: (env.ALLOWED_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean),
  }));

export type ServerConfig = z.output<typeof configSchema>;

export class ConfigError extends Error {}

/** The configuration from `env`; throws a ConfigError naming every bad variable (never its value: it may be a secret). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`Invalid server configuration: ${problems}`);
  }
  return parsed.data;
}

/**
 * What stops a production server at start-up although every variable is well formed (issue 20.7): mail it
 * could not deliver. Without SMTP_URL the mails (sign-in codes and links) would sit in the outbox table in
 * plain text, so outside demo mode that must be asked for (MAIL_OUTBOX=1).
 */
export function startupProblems(config: ServerConfig): string[] {
  const problems: string[] = [];
  if (!config.demo && !config.smtpUrl && !config.mailOutbox) {
    problems.push('SMTP_URL: not set, so sign-in mails could not be delivered; set it, or MAIL_OUTBOX=1 to keep mails in the outbox table (development only)');
  }
  if (config.databaseUrl && !config.secret) {
    problems.push('SERVER_SECRET: required with DATABASE_URL (at least 32 random characters, the same on every instance), e.g. `openssl rand -base64 48`');
  }
  return problems;
}
