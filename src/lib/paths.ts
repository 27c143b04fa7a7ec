// URLs live in shared code so that the app (router, layout) and features link to the same addresses.
/** Every URL of the portal, in one place. */
export const paths = {
  home: '/',
  newComplaint: '/complaints/new',
  complaintStep: (step: string) => `/complaints/new/${step}`,
  complaintConfirmation: (reference: string) => `/complaints/confirmation/${encodeURIComponent(reference)}`,
  signIn: '/sign-in',
  track: '/track',
  organisation: '/organisation',
  /** The provider's staff workspace (its own routes, src/features/staff). */
  staff: '/staff',
  /** Demo builds only: the simulated back office's mailbox. */
  devMailbox: '/dev/mailbox',
  cases: '/cases',
  case: (reference: string) => `/cases/${encodeURIComponent(reference)}`,
  escalate: (reference: string) => `/cases/${encodeURIComponent(reference)}/escalate`,
  letter: (reference: string, letterId: string) => `/cases/${encodeURIComponent(reference)}/letters/${encodeURIComponent(letterId)}`,
  refer: (reference: string) => `/cases/${encodeURIComponent(reference)}/refer`,
} as const;
