import type { AdrScheme, ExcludedSubject, SchemeId } from './scheme-schema';
import type { Contact, ProviderProfile } from './profile-schema';
import { ofcomStatement2025, ruleSetOn, SIX_WEEK_RULE_FROM, type RuleSource } from './adr-rules';

/**
 * The independent schemes named by the seeds, as plain typed data (docs/decisions/0004-adr-eligibility.md,
 * docs/decisions/0060-dated-adr-rules.md), validated against `adrSchemeSchema` (./scheme-schema.ts) in the tests,
 * like the provider profiles, so that pages showing a scheme do not load zod. Every rule is dated and sourced;
 * where no source is recorded the field is absent or null.
 */
export type { AdrScheme, ExcludedSubject, SchemeId } from './scheme-schema';

export { excludedSubjects, schemeIds } from './scheme-ids';
import { excludedSubjects } from './scheme-ids';
import { dateTimeFormat } from './date-format';

/** Where an excluded subject should go instead. */
export const subjectRedirects: Partial<Record<ExcludedSubject, 'ico'>> = { dataProtection: 'ico' };

const cisasRules: RuleSource = {
  document: 'CISAS Rules (2015 edition), rule 1.5 and the list of eligible cases',
  url: 'https://www.cedr.com/cisas/cisas-rules/',
  quote:
    'A customer is an individual or a business with no more than 10 employees; an application is premature within eight weeks of the first complaint unless the provider has given its final position, out of time more than 12 months after the provider gave notice that it cannot resolve the complaint, and outside the scheme when the claim exceeds £10,000 or concerns fraud, damage to property, matters for a court or another procedure.',
  verbatim: false,
};

// Seed 000 (Nasstar), the provider's own words on CISAS.
const nasstarOnCisas: RuleSource = {
  document: 'Nasstar complaints procedure (seed 000), Stage 4',
  quote:
    'Their complaint has been outstanding for more than 8 weeks — Or the complainant has received communication from Nasstar stating that the complaint has reached “deadlock”. … As CISAS are only able to help resolve complaints for consumer & small business customers, they will be unable to assist Nasstar’s larger customers.',
  verbatim: true,
};

/** Ofcom-approved ADR (General Condition C4): the rules before and after the 2025 statement. */
const ofcomAdrRules = (extra: RuleSource[]): AdrScheme['rules'] => {
  const before: AdrScheme['rules'][number] = {
    effectiveFrom: null,
    waitWeeks: 8,
    // The limit runs from the provider's notice that it cannot resolve the complaint (the deadlock letter) only.
    timeLimit: { months: 12, from: 'deadlockLetter' },
    maxEmployees: 10,
    // £10,000: "claims are capped at £10,000" (CISAS rules); applied to the Communications Ombudsman as well.
    claimCapPence: 1_000_000,
    excludedSubjects: [...excludedSubjects],
    sources: [cisasRules, ...extra],
  };
  return [before, { ...before, effectiveFrom: SIX_WEEK_RULE_FROM, waitWeeks: 6, sources: [ofcomStatement2025, ...before.sources] }];
};

const noRules = (source: RuleSource): AdrScheme['rules'] => [
  { effectiveFrom: null, waitWeeks: null, timeLimit: null, maxEmployees: null, claimCapPence: null, excludedSubjects: [], sources: [source] },
];

export const schemes: Record<SchemeId, AdrScheme> = {
  cisas: {
    id: 'cisas',
    kind: 'ofcomAdr',
    // The scheme's own site, where its rules are published (cisasRules.url).
    contact: { website: 'https://www.cedr.com/cisas/' },
    contactSource: { document: 'CISAS Rules, published on the scheme’s own site', url: 'https://www.cedr.com/cisas/cisas-rules/', quote: 'CISAS is run by CEDR; its rules and application are on cedr.com/cisas.', verbatim: false },
    rules: ofcomAdrRules([nasstarOnCisas]),
    evidence: { fileKinds: ['docx', 'doc', 'pdf', 'png', 'jpg', 'jpeg', 'msg'], maxTotalBytes: 40 * 1024 * 1024 },
  },
  // The Communications Ombudsman, formerly Ombudsman Services: Communications (the id stays 'osc').
  osc: {
    id: 'osc',
    kind: 'ofcomAdr',
    formerNames: ['Ombudsman Services: Communications', 'Ombudsman Services'],
    // No contact details of its own are recorded: each provider's procedure publishes its own (profile.adr.contact,
    // Netservers and Miso under the former name), and ASK4's publishes none.
    contact: {},
    rules: ofcomAdrRules([]),
    evidence: null,
  },
  // The Communications Ombudsman seed: "you may refer your complaint to the Independent Assessor. Our final
  // response will explain how to do this." No contact, time limit or cap is published.
  independentAssessor: {
    id: 'independentAssessor',
    kind: 'serviceReview',
    contact: {},
    rules: noRules({
      document: 'Communications Ombudsman service complaints procedure (seed 002), Second Stage',
      quote:
        'The second stage of the process ends our complaints procedure and if you’re still unhappy, you may refer your complaint to the Independent Assessor. Our final response will explain how to do this.',
      verbatim: true,
    }),
    evidence: null,
  },
  // Netservers: "Alternatively, you can raise the complaint with the ISPA. The ISPA will review the complaint independently of us."
  ispa: {
    id: 'ispa',
    kind: 'tradeAssociation',
    contact: { website: 'https://www.ispa.org.uk' },
    rules: noRules({
      document: 'Netservers complaints procedure (seed 001)',
      quote: 'Alternatively, you can raise the complaint with the ISPA. The ISPA will review the complaint independently of us.',
      verbatim: true,
    }),
    evidence: null,
  },
};

export function getScheme(id: SchemeId): AdrScheme {
  return schemes[id];
}

/**
 * The scheme's contact details a page may show for this provider, with where they come from: as published in the
 * provider's own procedure ('procedure'), else the scheme's own recorded details ('scheme'), else none (null).
 * Never one provider's details on another's page.
 */
export function publishedSchemeContact(profile: Pick<ProviderProfile, 'adr'>): { contact: Contact; source: 'procedure' | 'scheme' } | null {
  if (profile.adr.contact && Object.keys(profile.adr.contact).length > 0) return { contact: profile.adr.contact, source: 'procedure' };
  const own = getScheme(profile.adr.schemeId);
  return Object.keys(own.contact).length > 0 && own.contactSource ? { contact: own.contact, source: 'scheme' } : null;
}

/** The scheme's rules in force on a local day ('YYYY-MM-DD'). */
export function schemeRulesOn(scheme: AdrScheme, day: string): AdrScheme['rules'][number] {
  return ruleSetOn(scheme.rules, day);
}

/** The rule set in force before `set` (the rule an older complaint or a provider's older wording follows), if any. */
export function previousRuleSet(scheme: AdrScheme, set: AdrScheme['rules'][number]): AdrScheme['rules'][number] | undefined {
  const i = scheme.rules.indexOf(set);
  return i > 0 ? scheme.rules[i - 1] : undefined;
}

/** The scheme's rules in force at an instant, on the provider's local calendar (Europe/London by default). */
export function schemeRulesAt(scheme: AdrScheme, now: Date, timeZone = 'Europe/London'): AdrScheme['rules'][number] {
  const day = dateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  return schemeRulesOn(scheme, day);
}
