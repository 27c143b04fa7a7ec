import { z } from './zod';
import { adrSchemeIdSchema, contactSchema } from './profile-schema';

/**
 * The independent schemes named by the seeds, as validated data (docs/decisions/0004-adr-eligibility.md).
 * Only details we are sure of are recorded; where a seed is silent the field is absent or null.
 */

/** Subjects an Ofcom-approved ADR scheme cannot deal with (DESIGN.md, CISAS rules). */
export const excludedSubjects = [
  'fraud',
  'propertyDamage',
  'discrimination',
  'dataProtection', // goes to the Information Commissioner's Office
  'content', // the content of websites, calls or messages
  'inCourt',
  'anotherScheme',
  'noSubstance',
] as const;
export const excludedSubjectSchema = z.enum(excludedSubjects);
export type ExcludedSubject = z.infer<typeof excludedSubjectSchema>;

/** Where an excluded subject should go instead. */
export const subjectRedirects: Partial<Record<ExcludedSubject, 'ico'>> = { dataProtection: 'ico' };

export const schemeIds = ['cisas', 'osc', 'independentAssessor', 'ispa'] as const;
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

const ofcomAdrEligibility = {
  maxEmployees: 10,
  weeksBeforeEligible: 8,
  monthsToApply: 12,
  // £10,000 (DESIGN.md: "claims are capped at £10,000"; applied to OS:C as well).
  claimCapPence: 1_000_000,
  excludedSubjects: [...excludedSubjects],
};

export const schemes: Record<SchemeId, AdrScheme> = {
  cisas: {
    id: 'cisas',
    kind: 'ofcomAdr',
    contact: { website: 'https://www.cisas.org.uk' },
    eligibility: ofcomAdrEligibility,
    evidence: { fileKinds: ['docx', 'doc', 'pdf', 'png', 'jpg', 'jpeg', 'msg'], maxTotalBytes: 40 * 1024 * 1024 },
  },
  osc: {
    id: 'osc',
    kind: 'ofcomAdr',
    contact: {
      website: 'https://www.ombudsman-services.org',
      email: 'osenquiries@os-communications.org',
      phone: '0330 440 1614',
      textphone: '0330 440 1600',
      address: ['Ombudsman Services: Communications', 'PO Box 730', 'Warrington', 'WA4 6WU'],
    },
    eligibility: ofcomAdrEligibility,
    evidence: null,
  },
  // The Communications Ombudsman seed: "you may refer your complaint to the Independent Assessor. Our final
  // response will explain how to do this." No contact, time limit or cap is published.
  independentAssessor: {
    id: 'independentAssessor',
    kind: 'serviceReview',
    contact: {},
    eligibility: { maxEmployees: null, weeksBeforeEligible: null, monthsToApply: null, claimCapPence: null, excludedSubjects: [] },
    evidence: null,
  },
  // Netservers: "Alternatively, you can raise the complaint with the ISPA. The ISPA will review the complaint independently of us."
  ispa: {
    id: 'ispa',
    kind: 'tradeAssociation',
    contact: { website: 'https://www.ispa.org.uk' },
    eligibility: { maxEmployees: null, weeksBeforeEligible: null, monthsToApply: null, claimCapPence: null, excludedSubjects: [] },
    evidence: null,
  },
};

export function getScheme(id: SchemeId): AdrScheme {
  return schemes[id];
}

// Keep the profile's ADR ids and the scheme table in step.
adrSchemeIdSchema.options.forEach((id) => {
  if (!schemes[id]) throw new Error(`No scheme data for ${id}`);
});
