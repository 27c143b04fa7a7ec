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
  'other',
]);
export type ComplaintCategory = z.infer<typeof complaintCategorySchema>;

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
