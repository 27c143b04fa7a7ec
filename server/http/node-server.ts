import type { ServerOptions } from 'node:http';

/**
 * Options for the Node HTTP server under Hono (`serve({ serverOptions })`): idle keep-alive connections stay open
 * `keepAliveTimeoutMs` (config KEEP_ALIVE_TIMEOUT_MS), and the time allowed for a request's headers is a second
 * more, so a connection is never dropped for its headers while still allowed to be idle
 * (docs/decisions/0095-keep-alive-timeout.md).
 */
export function nodeServerOptions(keepAliveTimeoutMs: number): ServerOptions {
  return { keepAliveTimeout: keepAliveTimeoutMs, headersTimeout: keepAliveTimeoutMs + 1000 };
}
