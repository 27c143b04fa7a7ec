/**
 * The portal's addresses this feature links to. Features do not import the app layer, so these
 * mirror src/app/paths.ts; links.test.ts checks that they agree.
 */
const enc = encodeURIComponent;
export const links = {
  signIn: '/sign-in',
  case: (reference: string) => `/cases/${enc(reference)}`,
  escalate: (reference: string) => `/cases/${enc(reference)}/escalate`,
  letter: (reference: string, letterId: string) => `/cases/${enc(reference)}/letters/${enc(letterId)}`,
  refer: (reference: string) => `/cases/${enc(reference)}/refer`,
} as const;
