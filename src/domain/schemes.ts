import type { AdrScheme, ExcludedSubject, SchemeId } from './scheme-schema';

/**
 * The independent schemes named by the seeds, as plain typed data (docs/decisions/0004-adr-eligibility.md),
 * validated against `adrSchemeSchema` (./scheme-schema.ts) in the tests, like the provider profiles, so that
 * pages showing a scheme do not load zod. Only details we are sure of are recorded; where a seed is silent the
 * field is absent or null.
 */
export type { AdrScheme, ExcludedSubject, SchemeId } from './scheme-schema';

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

/** Where an excluded subject should go instead. */
export const subjectRedirects: Partial<Record<ExcludedSubject, 'ico'>> = { dataProtection: 'ico' };

export const schemeIds = ['cisas', 'osc', 'independentAssessor', 'ispa'] as const;

const ofcomAdrEligibility: AdrScheme['eligibility'] = {
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
