import { z } from './zod';

/**
 * The words of the complaint domain that the rules need (statuses, categories, kinds of customer and file,
 * limits). The API contract (src/api/schemas.ts) builds on them; the domain depends on nothing above it.
 */

export const LIMITS = {
  nameMax: 120,
  summaryMax: 200,
  textMax: 5000,
  shortTextMax: 500,
  commentMax: 5000,
  evidenceItemsMax: 50,
  fileMaxBytes: 10 * 1024 * 1024,
  filesMax: 10,
  filesTotalMaxBytes: 25 * 1024 * 1024,
  compensationMaxPence: 100_000_000,
} as const;

export const acceptedFileKinds = ['pdf', 'png', 'jpg', 'doc', 'docx', 'msg', 'eml', 'txt'] as const;
export const fileKindSchema = z.enum(acceptedFileKinds);
export type FileKind = z.infer<typeof fileKindSchema>;

export const customerKindSchema = z.enum(['residential', 'business', 'largeOrganisation']);
export type CustomerKind = z.infer<typeof customerKindSchema>;

export const complaintCategorySchema = z.enum([
  'billing',
  'serviceFault',
  'installation',
  'contract',
  'customerService',
  'personalData',
  // A complaint about an ombudsman's own service (seed 002): how a dispute was handled, delay, staff conduct.
  'disputeHandling',
  'delay',
  'staffConduct',
  'other',
]);
export type ComplaintCategory = z.infer<typeof complaintCategorySchema>;

/** What a complaint about a communications service can be about (the four providers). */
export const serviceComplaintCategories = ['billing', 'serviceFault', 'installation', 'contract', 'customerService', 'personalData', 'other'] as const satisfies readonly ComplaintCategory[];
/** What a complaint about an ombudsman's own service can be about (seed 002: "poor service or performance"). */
export const ombudsmanServiceCategories = ['disputeHandling', 'delay', 'staffConduct', 'personalData', 'other'] as const satisfies readonly ComplaintCategory[];

export type ComplaintsAbout = 'communicationsService' | 'ombudsmanService';

/** The categories a provider's form offers, and the only ones its back office accepts. */
export const categoriesFor = (about: ComplaintsAbout): readonly ComplaintCategory[] => (about === 'ombudsmanService' ? ombudsmanServiceCategories : serviceComplaintCategories);

/** An account number on a bill means something only for a communications service. */
export const asksForAccountNumber = (about: ComplaintsAbout): boolean => about === 'communicationsService';

export const caseStatusSchema = z.enum([
  'submitted',
  'acknowledged',
  'investigating',
  'awaitingCustomer',
  'responseIssued',
  'resolved',
  'closed',
  'deadlock',
]);
export type CaseStatus = z.infer<typeof caseStatusSchema>;

/** The statuses of a complaint still being handled by the provider (not resolved, closed or in deadlock). */
export const openCaseStatuses = [
  'submitted',
  'acknowledged',
  'investigating',
  'awaitingCustomer',
  'responseIssued',
] as const satisfies readonly CaseStatus[];
const openSet: ReadonlySet<string> = new Set(openCaseStatuses);

export function isOpen(status: CaseStatus): boolean {
  return openSet.has(status);
}
