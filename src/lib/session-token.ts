import { storedValue } from './storage';

/** The API session token. Only the token is stored: the customer's details stay in memory. */
export const sessionToken = storedValue('redress.session');
