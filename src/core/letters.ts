import type { MessageStatus, StaffLetter, StaffLettersResponse } from '@/api/schemas';
import { emailUpdatesInputSchema, staffLetterDoneSchema, staffLettersQuerySchema } from '@/api/schemas';
import type { ProviderId } from '@/domain/profile-schema';
import { getProfile } from '@/domain/profiles';
import { defaultLetterFonts, letterPdf } from './letter-pdf';
import type { StoredMessage } from './ports';
import { Refusal } from './problem';
import * as uc from './use-cases';
import { dateTimeFormat } from '@/domain/date-format';

/**
 * Letters to post and calls to make (docs/decisions/0141-letters-and-calls.md). A customer who chose a letter or a
 * call gets, for each event they are told of, a message recorded `toPost` or `toCall` with its text (written in
 * their language when recorded, ./notifications.ts); staff list them oldest first, download each letter as a PDF
 * in the provider's letter layout (./letter-pdf.ts), and record it posted (or the call made) on a day, which the
 * case then shows, to the customer and to staff. Emails that failed after their last try are listed beside them.
 */

const LIST_LIMIT = 200;

const shown: Record<'toDo' | 'failed' | 'done', readonly MessageStatus[]> = {
  toDo: ['toPost', 'toCall'],
  failed: ['failed'],
  done: ['posted', 'called'],
};

function staffLetter(m: StoredMessage): StaffLetter {
  return { ...uc.messageAnswer(m), reference: m.reference, attempts: m.attempts, lastError: m.lastError };
}

/** Staff's list (the caller checked by the staff handler, ./staff.ts: `me` is their provider). */
export async function staffLetters(ctx: uc.UseCaseContext, me: { providerId: ProviderId }, given: unknown): Promise<StaffLettersResponse> {
  const query = staffLettersQuerySchema.parse(given);
  const channels = query.channel ? [query.channel] : (['letter', 'phone', 'email'] as const);
  const listed = await ctx.tx.messagesWithStatus(me.providerId, shown[query.show], LIST_LIMIT);
  const items = listed.filter((m) => (channels as readonly string[]).includes(m.channel)).map(staffLetter);
  // Letters and calls: the oldest first (the one waiting longest); done: the latest first.
  if (query.show === 'done') items.reverse();
  const counts = await ctx.tx.messageCounts(me.providerId);
  return { asOf: ctx.now.toISOString(), items, counts: { toDo: (counts.toPost ?? 0) + (counts.toCall ?? 0), failed: counts.failed ?? 0 } };
}

/** The provider's calendar date of an instant (YYYY-MM-DD). */
function dayIn(timeZone: string, at: Date): string {
  return dateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/**
 * A letter posted or a call made on `on`: not before the day it was written, not after today (the provider's
 * calendar). Recorded at noon UTC of that day, which is that day in every time zone of Europe. Doing it again
 * for the same day answers the same; a different day is refused (409: it is already done).
 */
export async function markLetterDone(ctx: uc.UseCaseContext, me: { providerId: ProviderId }, id: string, given: unknown): Promise<StaffLetter> {
  const { on } = staffLetterDoneSchema.parse(given);
  const m = await ctx.tx.findMessage(me.providerId, id);
  if (!m || m.channel === 'email') throw new Refusal(404, 'letterNotFound');
  const profile = getProfile(me.providerId);
  const doneAt = `${on}T12:00:00.000Z`;
  if (m.status === 'posted' || m.status === 'called') {
    if (m.doneAt === doneAt) return staffLetter(m);
    throw new Refusal(409, 'letterAlreadyDone');
  }
  if (on < dayIn(profile.timeZone, new Date(m.createdAt))) throw new Refusal(422, 'validationFailed', [{ path: 'on', code: 'beforeLetter' }]);
  if (on > dayIn(profile.timeZone, ctx.now)) throw new Refusal(422, 'validationFailed', [{ path: 'on', code: 'inFuture' }]);
  const done: StoredMessage = { ...m, status: m.channel === 'letter' ? 'posted' : 'called', doneAt };
  await ctx.tx.updateMessage(done);
  return staffLetter(done);
}

/** A letter of a case the caller may see (customer, guest, staff), as the PDF posted. */
export async function messagePdf(ctx: uc.UseCaseContext, reference: string, id: string): Promise<{ bytes: Uint8Array; name: string }> {
  const c = await uc.visibleCase(ctx, reference);
  const m = (await ctx.tx.caseMessages(c.reference)).find((x) => x.id === id && x.channel === 'letter');
  if (!m) throw new Refusal(404, 'letterNotFound');
  // pdf-lib and fontkit load with the first letter's PDF, in letter-pdf.ts itself (decision 0164).
  const bytes = await letterPdf(m, await (ctx.letterFonts ?? defaultLetterFonts)());
  return { bytes, name: `${c.reference}-${m.kind}-${m.createdAt.slice(0, 10)}.pdf` };
}

/** A customer who chose letters or calls also gets (or stops getting) every later message by email. */
export async function setEmailUpdates(ctx: uc.UseCaseContext, reference: string, given: unknown) {
  const { emailUpdates } = emailUpdatesInputSchema.parse(given);
  const c = await uc.visibleCase(ctx, reference, { lock: true });
  if (c.aboutYou.replyBy === 'email') throw new Refusal(409, 'emailIsTheChannel');
  if (!c.aboutYou.email.trim()) throw new Refusal(409, 'noEmailAddress');
  const changed = { ...c, aboutYou: { ...c.aboutYou, emailUpdates } };
  if ((c.aboutYou.emailUpdates ?? false) !== emailUpdates) await ctx.tx.updateCase(changed);
  return uc.caseAnswer(ctx, changed);
}
