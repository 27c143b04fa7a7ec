import { setupServer } from 'msw/node';
import { handlers } from './handlers';

/** The same handlers for Vitest. Unhandled requests are errors in tests. */
export const server = setupServer(...handlers);
