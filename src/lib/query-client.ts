import { QueryClient } from '@tanstack/react-query';
import { retryDelayOf, shouldRetry } from '@/api/retry';

export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      // Network errors, 5xx and short 429s are retried with backoff (Retry-After honoured); 4xx are shown, not
      // retried. 'online': a retry waits while the browser is offline and goes when it is back (src/api/client.ts).
      queries: { staleTime: 30_000, refetchOnWindowFocus: true, retry: shouldRetry, retryDelay: retryDelayOf, networkMode: 'online' },
      mutations: { retry: shouldRetry, retryDelay: retryDelayOf, networkMode: 'online' },
    },
  });
}
