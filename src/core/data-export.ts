import type { AccountExport } from '@/api/schemas';
import type { StoredCase } from './ports';
import { Refusal } from './problem';
import { invitationScopeOf, receivedOf } from './organisation';
import { listCaseMessages, publicCase, type UseCaseContext } from './use-cases';
import { scopeOf } from './visibility';

/**
 * Everything the back office holds about the caller, for them to download (issue 20.15; UK GDPR art. 15 and 20):
 * a customer's own cases (not their organisation's other members'), a guest's tracked case, each with its
 * timeline, letters, files and the messages sent to the customer about it (never staff's internal notes), and the
 * invitations sent to a customer's address (issue 20 gaps). Both stores answer it through the same port methods.
 */

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export async function exportMyData(ctx: UseCaseContext): Promise<AccountExport> {
  const { caller, tx } = ctx;
  const scope = scopeOf(caller);
  if (!scope || (caller.kind !== 'customer' && caller.kind !== 'guest')) throw new Refusal(401, 'signInRequired');
  const all: StoredCase[] = [];
  let cursor: string | undefined;
  do {
    const page = await tx.listCases(scope, { sort: 'updated', limit: 500, ...(cursor ? { cursor } : {}) }, ctx.now);
    all.push(...page.cases);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  const mine = caller.kind === 'customer' ? all.filter((c) => c.customerId === caller.customer.id) : all.filter((c) => c.reference === caller.reference);
  const cases: AccountExport['cases'] = [];
  for (const c of mine) {
    const files: AccountExport['cases'][number]['files'] = [];
    for (const meta of c.attachments) {
      const stored = await tx.findAttachment(meta.id);
      const bytes = stored ? await ctx.files.get(stored.storageKey) : null;
      if (bytes) files.push({ ...meta, contentBase64: base64(bytes) });
    }
    const { messages } = await listCaseMessages(ctx, c.reference);
    cases.push({ case: publicCase(c, caller.kind === 'customer' ? { name: caller.customer.name } : null), timeline: await tx.timeline(c.reference), files, messages });
  }
  const invitations =
    caller.kind === 'customer'
      ? (await tx.invitationsFor(invitationScopeOf(caller), caller.customer.email.toLowerCase())).map(receivedOf)
      : [];
  return { exportedAt: ctx.now.toISOString(), providerId: caller.providerId, customer: caller.kind === 'customer' ? caller.customer : null, cases, invitations };
}
