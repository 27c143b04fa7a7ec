/** The schemes' ids and the subjects they exclude, as plain constants (no zod): ./schemes.ts and ./scheme-schema.ts both read them. */

/** Subjects an Ofcom-approved ADR scheme cannot deal with (CISAS rules). */
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

export const schemeIds = ['cisas', 'osc', 'independentAssessor', 'ispa'] as const;
