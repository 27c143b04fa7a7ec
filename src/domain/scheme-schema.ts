import { z } from './zod';
import { contactSchema } from './profile-schema';
import { excludedSubjects, schemeIds } from './schemes';

/** The shape of an independent scheme's data in ./schemes.ts (checked there by the tests). */
export const excludedSubjectSchema = z.enum(excludedSubjects);
export type ExcludedSubject = z.infer<typeof excludedSubjectSchema>;

export const schemeIdSchema = z.enum(schemeIds);
export type SchemeId = z.infer<typeof schemeIdSchema>;

export const adrSchemeSchema = z.object({
  id: schemeIdSchema,
  /**
   * 'ofcomAdr': an Ofcom-approved ADR scheme (General Condition C4);
   * 'serviceReview': reviews how the Communications Ombudsman handled a service complaint;
   * 'tradeAssociation': an industry body that reviews complaints independently (ISPA), named as an alternative.
   */
  kind: z.enum(['ofcomAdr', 'serviceReview', 'tradeAssociation']),
  contact: contactSchema,
  eligibility: z.object({
    /** Who may use it; null = anyone who complained. */
    maxEmployees: z.number().int().positive().nullable(),
    /** Weeks after the first complaint after which the customer may go to the scheme without a letter; null = only after the final response / deadlock letter. */
    weeksBeforeEligible: z.number().int().positive().nullable(),
    /** Months after the deadlock / ADR letter within which the customer must apply; null = no limit published. */
    monthsToApply: z.number().int().positive().nullable(),
    /** Largest claim it can award, in pence; null = no cap published. */
    claimCapPence: z.number().int().positive().nullable(),
    excludedSubjects: z.array(excludedSubjectSchema),
  }),
  /** What the scheme accepts as evidence files; null = not published. */
  evidence: z
    .object({ fileKinds: z.array(z.string().regex(/^[a-z0-9]+$/)).min(1), maxTotalBytes: z.number().int().positive() })
    .nullable(),
});
export type AdrScheme = z.infer<typeof adrSchemeSchema>;

