/**
 * Every counted scenario of the browser fault and security tests (e2e/faults*.spec.ts,
 * e2e/security.spec.ts). Each records its counts under one of these names, and
 * scripts/fault-report.ts fails when one of them recorded nothing: a scenario that did not run is a
 * failure, not a zero. No imports, so the report can read it without loading Playwright.
 */
export const browserScenarios = [
  'comment double click',
  'comment transient faults',
  'comment resent after a lost answer',
  'comment offline',
  'evidence double click and transient faults',
  'evidence resent after a lost answer',
  'complaint double click',
  'complaint reload mid-submit',
  'complaint offline',
  'hostile text renders as text',
  'sign-out leaves no personal data',
] as const;

export type BrowserScenario = (typeof browserScenarios)[number];
