import { z } from './zod';

/**
 * A provider profile: one published complaints procedure as validated data.
 * The whole app (UI and simulated back office) reads procedures only through this shape,
 * so adding a provider means adding one profile file and its translations.
 * Human-readable names live in `locales/<lng>/providers.json` under `<providerId>.…`, keyed by the ids here.
 */

export const providerIds = ['nasstar', 'netservers', 'commsombudsman', 'ask4', 'miso'] as const;
export const providerIdSchema = z.enum(providerIds);
export type ProviderId = z.infer<typeof providerIdSchema>;

export const clockUnitSchema = z.enum([
  'workingDays', // Mon–Fri (profile.workingWeek) minus the provider's public holidays
  'workingHours', // business hours (profile.workingHours) on working days
  'calendarHours',
  'calendarDays',
  'weeks',
]);
export type ClockUnit = z.infer<typeof clockUnitSchema>;

/** What the provider owes when a clock runs out. The simulated back office performs this action. */
export const clockActionSchema = z.enum([
  'acknowledge', // acknowledgement of receipt
  'assign', // a named person is assigned (Communications Ombudsman)
  'update', // progress update
  'respond', // written / formal / final response
  'resolve', // aim to resolve
  'handleAbuse', // abuse report dealt with (Nasstar)
]);
export type ClockAction = z.infer<typeof clockActionSchema>;

export const clockSchema = z.object({
  id: z.string().regex(/^[a-z][a-zA-Z]*$/),
  action: clockActionSchema,
  amount: z.number().int().positive(),
  unit: clockUnitSchema,
  /** 'stageStart' or the id of another clock of the same stage, counted from when that one was met. */
  from: z.string(),
  /** 'commitment' = "will"; 'aim' = "we aim to" / "ideally" */
  strength: z.enum(['commitment', 'aim']),
  /** The sentence of the seed this clock comes from, quoted verbatim (for traceability). */
  source: z.string().min(1),
});
export type Clock = z.infer<typeof clockSchema>;

export const stageSchema = z.object({
  id: z.string().regex(/^[a-z][a-zA-Z0-9]*$/),
  /**
   * 'portal': cases raised in Redress enter at or after the profile's entryStageId.
   * Stages before the entry stage are part of the published procedure (rendered on the
   * home page) but are handled outside the portal (e.g. "speak to the department").
   */
  clocks: z.array(clockSchema),
  /** How the customer reaches this stage from the previous one. */
  escalation: z
    .object({
      /**
       * 'provider': the provider moves the complaint to this stage itself when the previous one has not resolved it
       * (Miso: "we shall undertake a more detailed review", "we shall undertake a director-level review"); the
       * customer has nothing to ask for.
       */
      method: z.enum(['portal', 'letter', 'email', 'phone', 'provider']),
      /** Netservers: a letter quoting the reference, with name, address and reply preference. */
      requires: z.array(z.enum(['reference', 'name', 'address', 'replyPreference'])).optional(),
      address: z.array(z.string()).optional(),
      /**
       * Letters: the stage's clocks run from when the provider receives the letter. The seeds do not say how long
       * the post takes, so the portal assumes this many working days after the customer records the request.
       */
      assumedDeliveryWorkingDays: z.number().int().positive().optional(),
    })
    .optional(),
  /** The stage ends the provider's own procedure: its outcome is a final response / deadlock. */
  final: z.boolean().optional(),
  /** The seed sentence(s) this stage comes from, quoted verbatim (for traceability). */
  source: z.string().min(1).optional(),
  /**
   * A stage before the entry stage that submitting the portal's form itself carries out (Miso's initiation: "we shall
   * gather as much relevant information from you as we can … We shall also issue you with a Complaint Reference
   * Number" — the form gathers it and the reference is issued on submission). Absent: it happens outside the portal.
   */
  doneBySubmission: z.boolean().optional(),
  /** The number the published procedure gives this step (Nasstar: the department and its head are both Stage 1). */
  number: z.number().int().positive().optional(),
});
export type Stage = z.infer<typeof stageSchema>;

export const weekdaySchema = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
export type Weekday = z.infer<typeof weekdaySchema>;

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
export const openingHoursSchema = z.array(
  z.object({ days: z.array(weekdaySchema).min(1), opens: hhmm, closes: hhmm }),
);

export const complaintChannelSchema = z.enum(['portal', 'onlineForm', 'email', 'letter', 'phone']);
export type ComplaintChannel = z.infer<typeof complaintChannelSchema>;

export const adrSchemeIdSchema = z.enum(['cisas', 'osc', 'independentAssessor']);
export type AdrSchemeId = z.infer<typeof adrSchemeIdSchema>;

export const contactSchema = z.object({
  portalUrl: z.url().optional(),
  website: z.url().optional(),
  email: z.email().optional(),
  phone: z.string().optional(),
  textphone: z.string().optional(),
  /** Postal address, one line per element. */
  address: z.array(z.string()).optional(),
});
export type Contact = z.infer<typeof contactSchema>;

export const providerProfileSchema = z.object({
  id: providerIdSchema,
  name: z.string(),
  /** Language the procedure was published in (ASK4: Italian). */
  procedureLanguage: z.enum(['en', 'it']),
  referenceStyle: z.object({
    /** e.g. 'NAS-' → NAS-2026-7KQ4M2 */
    prefix: z.string().regex(/^[A-Z0-9]+-$/),
  }),
  contact: contactSchema,
  openingHours: openingHoursSchema,
  /**
   * What the provider's complaints are about: a communications service (bills, faults, installation…), or —
   * the Communications Ombudsman's own procedure — the ombudsman's service (how a dispute was handled, delay,
   * staff conduct). Decides the form's categories and whether it asks for an account number on a bill.
   */
  complaintsAbout: z.enum(['communicationsService', 'ombudsmanService']),
  /** Channels on which a complaint is accepted. ASK4: online form and letter, not phone. */
  acceptedChannels: z.array(complaintChannelSchema).min(1),
  /** Channels the procedure says it does not accept (only what the seed states: ASK4 "non per telefono"). */
  refusedChannels: z.array(complaintChannelSchema).optional(),
  timeZone: z.string(),
  holidays: z.object({ country: z.string().length(2), region: z.string().optional() }),
  workingWeek: z.array(weekdaySchema).min(1),
  /** Business hours used by 'workingHours' clocks. */
  workingHours: z.object({ start: hhmm, end: hhmm }),
  stages: z.array(stageSchema).min(1),
  entryStageId: z.string(),
  adr: z.object({
    schemeId: adrSchemeIdSchema,
    /**
     * The scheme's contact details as this provider's procedure publishes them, with the seed's words: shown only
     * with that source. Absent when the procedure publishes none (ASK4: "L'OS:C è disponibile qui.").
     */
    contact: contactSchema.optional(),
    contactSource: z.string().min(1).optional(),
    /** The number the published procedure gives the independent step (Nasstar: Stage 4). */
    number: z.number().int().positive().optional(),
    /** The wait the provider's own procedure still states, in its words (shown beside the rule in force). */
    publishedWait: z.object({ weeks: z.number().int().positive(), source: z.string().min(1) }).optional(),
    /** Other independent routes the procedure names (Netservers: ISPA). */
    alsoNamed: z.array(z.enum(['ispa'])).optional(),
    /**
     * A setting, not the procedure: `false` stops the back office issuing the ADR letter by itself on the day the
     * regulator's wait passes; staff are alerted instead (an `adrLetterDue` event). Default: it issues it
     * (docs/decisions/0140-notifications.md).
     */
    automaticLetter: z.boolean().optional(),
  }),
  /**
   * The letter that ends the provider's own procedure, as the procedure names it, and when it may be issued.
   * name: 'deadlockLetter' (Ofcom ADR) or 'finalResponse' (the Communications Ombudsman: "Our final response will
   * explain how to do this"). at: 'anyStage', or 'finalStage' — only once the last stage has been reached (Miso:
   * "Deadlock" comes after Resolution Attempt 3; the Communications Ombudsman: the second stage's final response).
   * step: the number the procedure gives it as a step of its own (Miso's fifth step, "Deadlock"). Default:
   * a deadlock letter at any stage, not a numbered step.
   */
  finalLetter: z
    .object({ name: z.enum(['deadlockLetter', 'finalResponse']), at: z.enum(['anyStage', 'finalStage']), step: z.number().int().positive().optional() })
    .optional(),
  /** How the procedure states its times: 'policy' — "La nostra politica prevede che…" (ASK4), not "we will". */
  commitmentsStatedAs: z.enum(['policy']).optional(),
  /** The procedure names its stages without numbering them ("First stage", "Second Stage"): no step numbers are shown. */
  unnumberedSteps: z.boolean().optional(),
  /**
   * The procedure's earlier stages happen outside the portal (Nasstar: the department, its head), so the customer
   * may have complained before: the form asks when they first complained and the reference they were given, and
   * the regulator's wait counts from that date (src/domain/first-complaint.ts).
   */
  earlierComplaintOutsidePortal: z.boolean().optional(),
  /** Where large organisations go instead of ADR (Nasstar). */
  largeCustomerRoute: z.array(z.enum(['accountManager', 'customerSuccessManager', 'cLevel'])).optional(),
  /** Other promises: kinds of case with their own clocks (Nasstar abuse reports). */
  otherPromises: z
    .array(
      z.object({
        kind: z.enum(['abuseReport']),
        contact: contactSchema,
        clocks: z.array(clockSchema).min(1),
      }),
    )
    .optional(),
  /** What the seed asks the complainant to include. */
  asksFor: z
    .array(z.enum(['summary', 'ticketReferences', 'staffNames', 'datesAndTimes', 'callingNumbers', 'emailsSent', 'supportingEvidence']))
    .optional(),
  /** The provider says it uses feedback to improve (Nasstar, ASK4): only then does the case page ask for feedback. */
  usesFeedback: z.boolean().optional(),
  /**
   * Other statements of the procedure shown on the home page, in order: text in `providers:<id>.notes.<id>`
   * (interpolating `values`), the seed's words in `source`.
   */
  notes: z
    .array(z.object({ id: z.string().regex(/^[a-z][a-zA-Z0-9]*$/), source: z.string().min(1), values: z.record(z.string(), z.string()).optional() }))
    .optional(),
});
export type ProviderProfile = z.infer<typeof providerProfileSchema>;
