import { z } from '@/domain/zod';
import {
  aboutYouSchema,
  callSchema,
  complaintDetailsSchema,
  complaintSubmissionSchema,
  emailSentSchema,
  staffContactSchema,
  ticketReferenceSchema,
  type Attachment,
  type CaseKind,
  type ComplaintCategory,
  type ComplaintSubmission,
  type Customer,
  type CustomerKind,
  type ReplyMethod,
} from '@/api/schemas';
import { emptyDateTimeParts, isBlank, partsToInstant, partsToIsoDate, type DateTimeParts } from '@/components/ui/date-parts';

/**
 * What the form holds: exactly what the user typed (strings, date parts), so nothing is ever
 * lost or reformatted by validation. Converting to the API's shape happens in the resolvers
 * below, which then validate with the contract's own schemas (src/api/schemas.ts).
 */

export interface AboutYouForm {
  customerKind: '' | CustomerKind;
  employees: string;
  name: string;
  organisation: string;
  accountNumber: string;
  email: string;
  phone: string;
  replyBy: '' | ReplyMethod;
  address: { line1: string; line2: string; town: string; postcode: string };
  supportNeeds: string;
  hasRepresentative: '' | 'yes' | 'no';
  representative: { name: string; relationship: string };
}

export interface ComplaintForm {
  category: '' | ComplaintCategory;
  summary: string;
  whatHappened: string;
  startedOn: DateTimeParts;
  outcomeWanted: string;
  compensationPence: string;
  /** Where the procedure's earlier stages happen outside the portal (Nasstar): when the customer first complained, and the reference given. */
  firstComplainedAt: DateTimeParts;
  firstReference: string;
}

export interface ReferenceForm { reference: string; note: string }
export interface StaffForm { name: string; team: string }
export interface CallForm { at: DateTimeParts; fromNumber: string; spokeTo: string; whatWasSaid: string }
export interface EmailForm { sentAt: DateTimeParts; toAddress: string; subject: string }

export interface EvidenceForm {
  references: ReferenceForm[];
  staff: StaffForm[];
  calls: CallForm[];
  emails: EmailForm[];
}

export const emptyAboutYou = (): AboutYouForm => ({
  customerKind: '',
  employees: '',
  name: '',
  organisation: '',
  accountNumber: '',
  email: '',
  phone: '',
  replyBy: '',
  address: { line1: '', line2: '', town: '', postcode: '' },
  supportNeeds: '',
  hasRepresentative: '',
  representative: { name: '', relationship: '' },
});

export const emptyComplaint = (): ComplaintForm => ({
  category: '',
  summary: '',
  whatHappened: '',
  startedOn: emptyDateTimeParts(),
  outcomeWanted: '',
  compensationPence: '',
  firstComplainedAt: emptyDateTimeParts(),
  firstReference: '',
});

export const emptyEvidence = (): EvidenceForm => ({ references: [], staff: [], calls: [], emails: [] });
export const emptyReference = (): ReferenceForm => ({ reference: '', note: '' });
export const emptyStaff = (): StaffForm => ({ name: '', team: '' });
export const emptyCall = (): CallForm => ({ at: emptyDateTimeParts(true), fromNumber: '', spokeTo: '', whatWasSaid: '' });
export const emptyEmail = (): EmailForm => ({ sentAt: emptyDateTimeParts(true), toAddress: '', subject: '' });

/** A signed-in customer's details, filled in for them (WCAG 3.3.7 redundant entry). */
export function prefillAboutYou(form: AboutYouForm, customer: Customer): AboutYouForm {
  if (form.name || form.email) return form;
  return {
    ...form,
    customerKind: customer.kind,
    employees: customer.employees ? String(customer.employees) : '',
    name: customer.name,
    organisation: customer.organisation ?? '',
    accountNumber: customer.accountNumber ?? '',
    email: customer.email,
    phone: customer.phone,
    address: {
      line1: customer.address?.line1 ?? '',
      line2: customer.address?.line2 ?? '',
      town: customer.address?.town ?? '',
      postcode: customer.address?.postcode ?? '',
    },
  };
}

const text = (s: string) => s.trim();
const optional = (s: string) => (s.trim() ? s.trim() : undefined);
const orUndefined = <T extends string>(s: '' | T): T | undefined => (s === '' ? undefined : s);

/** A typed amount ("£120.50", "120,50 €", "120") in pence; NaN when it is not an amount. */
export function parseAmountToPence(value: string): number | undefined {
  const s = value.trim().replace(/[£€\s]/g, '').replace(/^(\d+)[,](\d{1,2})$/, '$1.$2').replace(/,/g, '');
  if (!s) return undefined;
  if (!/^\d+(\.\d{1,2})?$/.test(s)) return Number.NaN;
  return Math.round(Number(s) * 100);
}

export function aboutYouToApi(f: AboutYouForm) {
  const addressBlank = !f.address.line1.trim() && !f.address.line2.trim() && !f.address.town.trim() && !f.address.postcode.trim();
  return {
    customerKind: orUndefined(f.customerKind),
    employees: f.customerKind === 'business' && f.employees.trim() ? (/^\d+$/.test(f.employees.trim()) ? Number(f.employees.trim()) : Number.NaN) : undefined,
    name: text(f.name),
    organisation: f.customerKind === 'residential' ? undefined : optional(f.organisation),
    accountNumber: optional(f.accountNumber),
    email: text(f.email),
    phone: text(f.phone),
    replyBy: orUndefined(f.replyBy),
    address: addressBlank
      ? undefined
      : { line1: text(f.address.line1), line2: optional(f.address.line2), town: text(f.address.town), postcode: text(f.address.postcode) },
    supportNeeds: optional(f.supportNeeds),
    representative:
      f.hasRepresentative === 'yes' ? { name: text(f.representative.name), relationship: text(f.representative.relationship) } : undefined,
  };
}

export function complaintToApi(f: ComplaintForm) {
  return {
    category: orUndefined(f.category),
    summary: text(f.summary),
    whatHappened: text(f.whatHappened),
    startedOn: isBlank(f.startedOn) ? '' : (partsToIsoDate(f.startedOn) ?? 'invalid'),
    outcomeWanted: text(f.outcomeWanted),
    compensationPence: parseAmountToPence(f.compensationPence),
    firstComplainedAt: isBlank(f.firstComplainedAt) ? undefined : (partsToIsoDate(f.firstComplainedAt) ?? 'invalid'),
    firstReference: optional(f.firstReference),
  };
}

export function evidenceToApi(f: EvidenceForm, timeZone: string, attachments: readonly Attachment[]) {
  const instant = (parts: DateTimeParts) => partsToInstant(parts, timeZone) ?? 'invalid';
  return {
    references: f.references.map((r) => ({ reference: text(r.reference), note: optional(r.note) })),
    staff: f.staff.map((s) => ({ name: text(s.name), team: optional(s.team) })),
    calls: f.calls.map((c) => ({ at: instant(c.at), fromNumber: text(c.fromNumber), spokeTo: optional(c.spokeTo), whatWasSaid: text(c.whatWasSaid) })),
    emails: f.emails.map((e) => ({ sentAt: instant(e.sentAt), toAddress: text(e.toAddress), subject: text(e.subject) })),
    attachmentIds: attachments.map((a) => a.id),
  };
}

/** Dates of the past: a complaint cannot start, and a call cannot happen, after now. */
const notInFuture = (now: () => Date) => (iso: string) => {
  const time = new Date(iso).getTime();
  return Number.isNaN(time) || time <= now().getTime() + 60_000; // an invalid date has its own message
};

/**
 * aboutYouSchema's own cross-field rules (employees for a business, an address for a reply by
 * letter) only run once every field is valid, so the form would reveal them one submit later.
 * The same rules run here alongside, so the first error summary lists everything at once.
 */
const aboutYouCrossField = z
  .object({ customerKind: z.unknown(), employees: z.unknown(), replyBy: z.unknown(), address: z.unknown() })
  .superRefine((v, ctx) => {
    if (v.customerKind === 'business' && v.employees === undefined) ctx.addIssue({ code: 'custom', path: ['employees'], message: 'required' });
    if (v.replyBy === 'letter' && !v.address) ctx.addIssue({ code: 'custom', path: ['address', 'line1'], message: 'addressForLetter' });
  });

export function aboutYouResolverSchema() {
  return z.preprocess((v) => aboutYouToApi(v as AboutYouForm), z.intersection(aboutYouSchema, aboutYouCrossField));
}

export function complaintResolverSchema(now: () => Date) {
  return z.preprocess(
    (v) => complaintToApi(v as ComplaintForm),
    complaintDetailsSchema.extend({
      startedOn: complaintDetailsSchema.shape.startedOn.refine((d) => notInFuture(now)(`${d}T00:00:00Z`), { error: 'dateInFuture' }),
      firstComplainedAt: complaintDetailsSchema.shape.firstComplainedAt.refine((d) => d === undefined || notInFuture(now)(`${d}T00:00:00Z`), { error: 'dateInFuture' }),
    }),
  );
}

export function evidenceResolverSchema(timeZone: string, now: () => Date) {
  const past = notInFuture(now);
  return z.preprocess(
    (v) => evidenceToApi(v as EvidenceForm, timeZone, []),
    z.object({
      references: z.array(ticketReferenceSchema),
      staff: z.array(staffContactSchema),
      calls: z.array(callSchema.extend({ at: callSchema.shape.at.refine(past, { error: 'dateInFuture' }) })),
      emails: z.array(emailSentSchema.extend({ sentAt: emailSentSchema.shape.sentAt.refine(past, { error: 'dateInFuture' }) })),
    }),
  );
}

export interface DraftAnswers {
  kind: CaseKind;
  aboutYou: AboutYouForm;
  complaint: ComplaintForm;
  evidence: EvidenceForm;
  attachments: Attachment[];
}

/** The whole submission in the API's shape, validated with the contract's schema. */
export function toSubmission(d: DraftAnswers, timeZone: string) {
  return complaintSubmissionSchema.safeParse({
    kind: d.kind,
    aboutYou: aboutYouToApi(d.aboutYou),
    complaint: complaintToApi(d.complaint),
    evidence: evidenceToApi(d.evidence, timeZone, d.attachments),
  } satisfies Record<keyof ComplaintSubmission, unknown>);
}
