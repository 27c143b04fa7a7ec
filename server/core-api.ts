import type { BackOfficeDeps } from '@/core/ports';
import type { ApiBinding } from './app';
import type { ServerConfig } from './config';
import { problem } from './http/problem';

/**
 * The core's HTTP binding for this server. STUB: the core (src/core/http.ts, src/api/operations.ts) has not
 * landed on this branch yet; until it does, no operation is routed (every /api path but /api/health is a 404).
 */
export function coreApi(_deps: BackOfficeDeps, _config: ServerConfig): ApiBinding {
  return { operations: [], handle: async () => problem(404, 'notFound') };
}
