/**
 * Whether an error means the database cannot be reached or is going away (PostgreSQL down, restarting, out of
 * connections), as opposed to a fault in a query. The server answers those 503 with Retry-After instead of 500
 * (issue 20.13): the request was not wrong, and the same request will succeed once the database is back.
 */

/** Node's socket errors on connecting or on a connection that breaks. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * PostgreSQL SQLSTATEs: class 08 (connection exception), 57P01–57P03 (admin shutdown, crash shutdown, cannot
 * connect now — starting up or in recovery), 53300 (too many connections).
 */
const SQLSTATES = /^(08\d{3}|57P0[123]|53300)$/;

/** What pg says when the connection ends under a query, or no pooled connection could be had in time. */
const MESSAGES = /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Connection refused/i;

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 3) return false;
  const { code, syscall } = error as Error & { code?: unknown; syscall?: unknown };
  if (typeof code === 'string') {
    if (SOCKET_CODES.has(code) || SQLSTATES.test(code)) return true;
    // A Unix socket that is not there (the embedded database's folder, or PostgreSQL's, while it is down).
    if (code === 'ENOENT' && syscall === 'connect') return true;
  }
  if (MESSAGES.test(error.message)) return true;
  if (error instanceof AggregateError) return error.errors.some((e) => isDatabaseUnavailable(e, depth + 1));
  return isDatabaseUnavailable((error as Error & { cause?: unknown }).cause, depth + 1);
}

/** Seconds a client should wait before trying again while the database is unavailable. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;
