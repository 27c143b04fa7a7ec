import { z } from '@/domain/zod';
import { attachmentSchema, caseKindSchema, complaintCategorySchema, customerKindSchema, replyMethodSchema, type CaseKind } from '@/api/schemas';
import { emptyDateTimeParts } from '@/components/ui/date-parts';
import { storage } from '@/lib/storage';
import type { ProviderId } from '@/domain/provider-ids';
import { emptyAboutYou, emptyComplaint, emptyEvidence, type AboutYouForm, type ComplaintForm, type DraftAnswers, type EvidenceForm } from './form';
import { steps, type StepId } from './steps';

/**
 * The draft: every answer as typed, the step the user was on, and the Idempotency-Key the
 * submission will carry. Kept in localStorage under redress.draft.<provider> (sign-out clears
 * every redress.draft* key), saved within 300 ms of a change, removed when the case exists.
 */
export interface Draft extends DraftAnswers {
  version: 1;
  step: StepId;
  idempotencyKey: string;
  savedAt: string;
}

export const draftKey = (providerId: ProviderId) => `redress.draft.${providerId}`;

/** ≥16 characters of [A-Za-z0-9_-]: what the back office accepts as an Idempotency-Key. */
export function newIdempotencyKey(): string {
  const bytes = new Uint8Array(18);
  crypto.getRandomValues(bytes);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  return `cmp_${Array.from(bytes, (b) => alphabet[b & 63]).join('')}`;
}

export function newDraft(kind: CaseKind = 'complaint'): Draft {
  return {
    version: 1,
    kind,
    step: 'about-you',
    idempotencyKey: newIdempotencyKey(),
    aboutYou: emptyAboutYou(),
    complaint: emptyComplaint(),
    evidence: emptyEvidence(),
    attachments: [],
    savedAt: new Date().toISOString(),
  };
}

/** What stored text may be: a typed answer, kept as typed; anything else in its place becomes empty. */
const text = z.string().catch('');
/** A choice from the contract's own list (src/api/schemas.ts), or '' for not chosen yet. */
const choice = <T extends string>(values: z.ZodType<T>) => z.union([z.literal(''), values]).catch('');
const dateParts = z.object({ day: text, month: text, year: text }).catch(() => emptyDateTimeParts());
const dateTimeParts = z.object({ day: text, month: text, year: text, time: text }).catch(() => ({ ...emptyDateTimeParts(true), time: '' }));
/** Rows that parse are kept, the others dropped (a row that is not an object is no row). */
const rowsOf = <T>(row: z.ZodType<T>) =>
  z
    .array(z.unknown())
    .catch([])
    .transform((items) => items.flatMap((item) => {
      const parsed = row.safeParse(item);
      return parsed.success ? [parsed.data] : [];
    }));

const aboutYouDraftSchema: z.ZodType<AboutYouForm> = z
  .object({
    customerKind: choice(customerKindSchema),
    employees: text,
    name: text,
    organisation: text,
    accountNumber: text,
    email: text,
    phone: text,
    replyBy: choice(replyMethodSchema),
    address: z.object({ line1: text, line2: text, town: text, postcode: text }).catch(() => emptyAboutYou().address),
    supportNeeds: text,
    hasRepresentative: choice(z.enum(['yes', 'no'])),
    representative: z.object({ name: text, relationship: text }).catch(() => emptyAboutYou().representative),
  })
  .catch(emptyAboutYou);

const complaintDraftSchema: z.ZodType<ComplaintForm> = z
  .object({
    category: choice(complaintCategorySchema),
    summary: text,
    whatHappened: text,
    startedOn: dateParts,
    outcomeWanted: text,
    compensationPence: text,
    firstComplainedAt: dateParts,
    firstReference: text,
  })
  .catch(emptyComplaint);

const evidenceDraftSchema: z.ZodType<EvidenceForm> = z
  .object({
    references: rowsOf(z.object({ reference: text, note: text })),
    staff: rowsOf(z.object({ name: text, team: text })),
    calls: rowsOf(z.object({ at: dateTimeParts, fromNumber: text, spokeTo: text, whatWasSaid: text })),
    emails: rowsOf(z.object({ sentAt: dateTimeParts, toAddress: text, subject: text })),
  })
  .catch(() => ({ references: [], staff: [], calls: [], emails: [] }));

/**
 * A stored draft, parsed field by field: what is valid is kept, what is missing (a draft saved before a field
 * existed) or damaged (a stale or edited localStorage) falls back to the empty draft's value, so a draft always
 * loads as a usable one. Made per call: `newDraft()` gives a fresh Idempotency-Key and time for what is missing.
 */
const draftSchema = (base: Draft): z.ZodType<Draft> =>
  z.object({
    version: z.literal(1).catch(1),
    kind: caseKindSchema.catch(base.kind),
    step: z.enum(steps).catch(base.step),
    idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{16,128}$/).catch(base.idempotencyKey),
    aboutYou: aboutYouDraftSchema,
    complaint: complaintDraftSchema,
    evidence: evidenceDraftSchema,
    attachments: rowsOf(attachmentSchema),
    savedAt: z.string().catch(base.savedAt),
  });

/** Any stored value as a usable draft: valid fields kept, the rest as in a new draft; garbage gives an empty draft. */
export function parseDraft(value: unknown): Draft {
  const base = newDraft();
  return draftSchema(base).catch(base).parse(value);
}

/** Whether this browser holds a saved draft for the provider. */
export function hasDraft(providerId: ProviderId): boolean {
  return loadDraft(providerId) !== null;
}

/** Reads a stored draft (see parseDraft); null when none is stored or what is stored is not a draft's JSON object. */
export function loadDraft(providerId: ProviderId): Draft | null {
  const raw = storage.get(draftKey(providerId));
  if (!raw) return null;
  let stored: unknown;
  try {
    stored = JSON.parse(raw);
  } catch {
    return null;
  }
  return typeof stored === 'object' && stored !== null && !Array.isArray(stored) ? parseDraft(stored) : null;
}

export function saveDraft(providerId: ProviderId, draft: Draft): boolean {
  return storage.set(draftKey(providerId), JSON.stringify({ ...draft, savedAt: new Date().toISOString() }));
}

export function discardDraft(providerId: ProviderId): void {
  storage.remove(draftKey(providerId));
}

/** Debounced saving: the latest draft is written at most `delayMs` after the last change. */
export function createDraftSaver(providerId: ProviderId, delayMs = 300) {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let pending: Draft | null = null;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (pending) saveDraft(providerId, pending);
    pending = null;
  };
  return {
    schedule(draft: Draft) {
      pending = draft;
      if (timer) clearTimeout(timer);
      timer = setTimeout(flush, delayMs);
    },
    flush,
    cancel() {
      if (timer) clearTimeout(timer);
      timer = null;
      pending = null;
    },
  };
}
