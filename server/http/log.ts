/**
 * Structured logs: one JSON object a line on stdout. Never personal data — no emails, names, case references,
 * cookies or bodies: a request line names the route pattern (`/api/cases/{reference}`), not the address.
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const order: Record<LogLevel | 'silent', number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  log(level: LogLevel, msg: string, fields?: LogFields): void;
}

export function jsonLogger(level: LogLevel | 'silent' = 'info', write: (line: string) => void = (line) => process.stdout.write(line + '\n')): Logger {
  return {
    log(at, msg, fields = {}) {
      if (order[at] < order[level]) return;
      write(JSON.stringify({ time: new Date().toISOString(), level: at, msg, ...fields }));
    },
  };
}

/** What may be logged of an error: its class and, for our own errors, the message — never a stack or a query's values. */
export function errorFields(error: unknown): LogFields {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { error: error.name, ...(typeof code === 'string' ? { errorCode: code } : {}) };
  }
  return { error: typeof error };
}
