export { sessionQueries, useSignIn, useGuestLookup, signOut } from './api/session';
export { SignInPage } from './components/sign-in-page';
export { TrackForm } from './components/track-form';
