import { z } from './zod';
import { contactSchema } from './profile-schema';
import { excludedSubjects, schemeIds } from './scheme-ids';

/** The shape of an independent scheme's data in ./schemes.ts (checked there by the tests). */
export const excludedSubjectSchema = z.enum(excludedSubjects);
export type ExcludedSubject = z.infer<typeof excludedSubjectSchema>;

export const schemeIdSchema = z.enum(schemeIds);
export type SchemeId = z.infer<typeof schemeIdSchema>;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const ruleSourceSchema = z.object({
  document: z.string().min(1),
  url: z.url().optional(),
  /** The words of the source; `verbatim: false` when a third-party document is restated in our words. */
  quote: z.string().min(1),
  verbatim: z.boolean(),
});

/** One dated set of a scheme's rules (./adr-rules.ts). */
export const schemeRuleSetSchema = z.object({
  effectiveFrom: day.nullable(),
  waitWeeks: z.number().int().positive().nullable(),
  timeLimit: z.object({ months: z.number().int().positive(), from: z.enum(['deadlockLetter']) }).nullable(),
  maxEmployees: z.number().int().positive().nullable(),
  claimCapPence: z.number().int().positive().nullable(),
  excludedSubjects: z.array(excludedSubjectSchema),
  sources: z.array(ruleSourceSchema).min(1),
});

export const adrSchemeSchema = z.object({
  id: schemeIdSchema,
  /**
   * 'ofcomAdr': an Ofcom-approved ADR scheme (General Condition C4);
   * 'serviceReview': reviews how the Communications Ombudsman handled a service complaint;
   * 'tradeAssociation': an industry body that reviews complaints independently (ISPA), named as an alternative.
   */
  kind: z.enum(['ofcomAdr', 'serviceReview', 'tradeAssociation']),
  contact: contactSchema,
  /** Where the contact details were published (a provider's procedure), when they are not the scheme's own. */
  contactSource: ruleSourceSchema.optional(),
  /** Names the scheme was known by before (Ombudsman Services: Communications → Communications Ombudsman). */
  formerNames: z.array(z.string()).optional(),
  /** The rules, oldest first; the set in force on a day applies on that day. */
  rules: z.array(schemeRuleSetSchema).min(1),
  /** What the scheme accepts as evidence files; null = not published. */
  evidence: z
    .object({ fileKinds: z.array(z.string().regex(/^[a-z0-9]+$/)).min(1), maxTotalBytes: z.number().int().positive() })
    .nullable(),
});
export type AdrScheme = z.infer<typeof adrSchemeSchema>;
export type SchemeRuleSetData = z.infer<typeof schemeRuleSetSchema>;
