import type { Problem } from '@/api/schemas';

/**
 * A use-case's refusal: an HTTP status and a stable code the portal translates (`errors:<code>`), with field
 * errors where the input was at fault. The HTTP binding (./http.ts) turns it into application/problem+json.
 */
export class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly errors?: Problem['errors'],
    readonly headers?: Record<string, string>,
  ) {
    super(code);
    this.name = 'Refusal';
  }
}

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function problemBody(status: number, code: string, errors?: Problem['errors']): Problem {
  return { type: `https://redress.example/problems/${code}`, title: titles[status] ?? 'Error', status, code, ...(errors ? { errors } : {}) };
}

export function problemResponse(status: number, code: string, errors?: Problem['errors'], headers?: Record<string, string>): Response {
  return new Response(JSON.stringify(problemBody(status, code, errors)), {
    status,
    headers: { 'Content-Type': 'application/problem+json', ...headers },
  });
}
