import { createQueryClient } from './query-client';

/** The app's one QueryClient (tests create their own with createQueryClient). */
export const queryClient = createQueryClient();
