import { storedValue } from './storage';

/**
 * Whether this browser has a session ('customer', 'admin' — an organisation's administrator —, 'member' — one of its members — or 'guest'), so pages know to ask who is signed in. The
 * session itself is an HttpOnly cookie the page cannot read; this hint holds nothing personal and no token.
 */
export const sessionHint = storedValue('redress.session-hint');
