export { sessionQueries, useDemoSignIn, useSessionChanged, useRequestSignInCode, useVerifySignInCode, signOut, forgetThisDevice } from './api/session';
export { SignInPage } from './components/sign-in-page';
export { TrackForm } from './components/track-form';
export { MyData } from './components/my-data';
