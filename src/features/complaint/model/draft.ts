import { attachmentSchema, caseKindSchema, type CaseKind } from '@/api/schemas';
import { storage } from '@/lib/storage';
import type { ProviderId } from '@/domain/provider-ids';
import { emptyAboutYou, emptyComplaint, emptyEvidence, type DraftAnswers } from './form';
import { isStepId, type StepId } from './steps';

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

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether this browser holds a saved draft for the provider. */
export function hasDraft(providerId: ProviderId): boolean {
  return loadDraft(providerId) !== null;
}

/** Reads a stored draft, merging it over an empty one so older or partial drafts still load. */
export function loadDraft(providerId: ProviderId): Draft | null {
  const raw = storage.get(draftKey(providerId));
  if (!raw) return null;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (!isObject(parsed) || parsed.version !== 1 || typeof parsed.idempotencyKey !== 'string') return null;
    const base = newDraft();
    const kind = caseKindSchema.safeParse(parsed.kind);
    const attachments = Array.isArray(parsed.attachments) ? parsed.attachments.filter((a) => attachmentSchema.safeParse(a).success) : [];
    return {
      ...base,
      kind: kind.success ? kind.data : 'complaint',
      step: isStepId(parsed.step) ? parsed.step : 'about-you',
      idempotencyKey: /^[A-Za-z0-9_-]{16,}$/.test(parsed.idempotencyKey) ? parsed.idempotencyKey : base.idempotencyKey,
      aboutYou: { ...base.aboutYou, ...(isObject(parsed.aboutYou) ? parsed.aboutYou : {}) },
      complaint: { ...base.complaint, ...(isObject(parsed.complaint) ? parsed.complaint : {}) },
      evidence: { ...base.evidence, ...(isObject(parsed.evidence) ? parsed.evidence : {}) },
      attachments: attachments as Draft['attachments'],
      savedAt: typeof parsed.savedAt === 'string' ? parsed.savedAt : base.savedAt,
    };
  } catch {
    return null;
  }
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
