export { sessionQueries, useSignIn, useGuestLookup, signOut } from './api/session';
