import type { Case } from '@/api/schemas';

/** Next steps on a case: escalation, deadlock letter, ADR eligibility and referral. */
export function AdrPanel(_props: { caseData: Case; asOf: string }) {
  return null;
}
