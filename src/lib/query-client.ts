import { QueryClient } from '@tanstack/react-query';

export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      // The API client retries network errors, 5xx and 429 with backoff; 4xx are shown, not retried.
      queries: { staleTime: 30_000, refetchOnWindowFocus: true, retry: false },
      mutations: { retry: false },
    },
  });
}
