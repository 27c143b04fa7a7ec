import type { Letter, ProviderUpdateInput } from '@/api/schemas';
import type { ProviderOperation } from '@/api/operations';
import { clockMetBy } from '@/domain/staff-actions';
import { isOpen } from '@/domain/cases';
import type { ClockAction, ProviderId, ProviderProfile } from '@/domain/profile-schema';
import { getProfile } from '@/domain/profiles';
import * as ops from './case-ops';
import type { CaseChange } from './case-ops';
import type { BackOfficeTx, Caller, StoredCase } from './ports';
import type { Handlers } from './handler-types';
import { sha256 } from './hash';
import { Refusal } from './problem';
import { randomToken } from './references';
import * as uc from './use-cases';
import * as webhooks from './webhooks';

/**
 * The provider's side of the back office (docs/decisions/0090-provider-api.md): its own system (a CRM) acts on
 * every case of the provider with an integration key and follows what customers do through the events feed.
 * The rules live here; an adapter only stores integrations by the SHA-256 of their key
 * (`findIntegrationByKeyHash`) and lists events in commit order (`eventsAfter`).
 */

export type ProviderCaller = Extract<Caller, { kind: 'provider' }>;

/** Keys are `rdk_` + 43 random URL-safe characters (≈256 bits); only their SHA-256 is stored. */
export const PROVIDER_KEY_PREFIX = 'rdk_';
const KEY_SHAPE = /^[A-Za-z0-9_-]{16,200}$/;

export function newProviderKey(): string {
  return `${PROVIDER_KEY_PREFIX}${randomToken(43)}`;
}

export function hashProviderKey(key: string): Promise<string> {
  return sha256(key);
}

const unauthorised = (code: string) => new Refusal(401, code, undefined, { 'WWW-Authenticate': 'Bearer realm="provider-api"' });

/**
 * The caller behind `Authorization: Bearer <key>`: the integration's provider, acting as `integration:<id>`.
 * Absent, unknown, revoked, or another provider's key than the deployment's: 401.
 */
export async function providerCallerOf(tx: BackOfficeTx, request: Request, deployment?: ProviderId): Promise<ProviderCaller> {
  const header = request.headers.get('Authorization') ?? '';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw unauthorised('providerKeyRequired');
  const key = match[1]!;
  if (!KEY_SHAPE.test(key)) throw unauthorised('providerKeyInvalid');
  const integration = await tx.findIntegrationByKeyHash(await hashProviderKey(key));
  if (!integration || integration.revokedAt !== null || (deployment && integration.providerId !== deployment)) throw unauthorised('providerKeyInvalid');
  return { kind: 'provider', providerId: integration.providerId, actor: `integration:${integration.id}`, name: integration.name };
}

function requireProvider(caller: Caller): ProviderCaller {
  if (caller.kind !== 'provider') throw unauthorised('providerKeyRequired');
  return caller;
}

/**
 * The clock of the case's current stage that an action fulfils: the first running (its start is known),
 * unmet clock whose action is one of `actions`. None: the action meets no clock.
 */
export function clockFulfilledBy(profile: ProviderProfile, c: StoredCase, actions: readonly ClockAction[]): string | undefined {
  return clockMetBy(profile, c, actions);
}

function assertActive(c: StoredCase) {
  if (!isOpen(c.status) || c.referral) throw new Refusal(409, 'caseClosed');
}

async function act(ctx: uc.UseCaseContext, reference: string, apply: (change: CaseChange, profile: ProviderProfile) => void) {
  // The provider's own system, or a member of its staff in the workspace (./staff.ts): the same actions.
  if (ctx.caller.kind !== 'staff') requireProvider(ctx.caller);
  const c = await uc.visibleCase(ctx, reference, { lock: true });
  const change: CaseChange = { c, events: [] };
  apply(change, getProfile(c.providerId));
  // Which integration caused each event, so a connector can tell its own writes in the feed (no echo).
  const actor = ctx.caller.kind === 'provider' ? ctx.caller.actor : '';
  if (actor.startsWith('integration:')) for (const event of change.events) event.data = { ...event.data, via: actor };
  await uc.saveChange(ctx.tx, change);
  return { asOf: ctx.now.toISOString(), case: uc.publicCase(c) };
}

export function acknowledge(ctx: uc.UseCaseContext, reference: string, text?: string) {
  return act(ctx, reference, (change, profile) => {
    assertActive(change.c);
    const clockId = clockFulfilledBy(profile, change.c, ['acknowledge']);
    if (clockId) {
      ops.acknowledge(change, clockId, ctx.now);
      if (text) change.events.at(-1)!.text = text;
    } else ops.sendUpdate(change, ctx.now, { status: 'acknowledged', ...(text ? { text } : {}) });
  });
}

export function sendUpdate(ctx: uc.UseCaseContext, reference: string, input: ProviderUpdateInput) {
  return act(ctx, reference, (change, profile) => {
    assertActive(change.c);
    const actions: ClockAction[] = input.status === 'acknowledged' ? ['acknowledge'] : ['update', 'assign', 'handleAbuse'];
    const clockId = clockFulfilledBy(profile, change.c, actions);
    ops.sendUpdate(change, ctx.now, { text: input.text, ...(input.status ? { status: input.status } : {}), ...(clockId ? { clockId } : {}) });
  });
}

export function proposeResolution(ctx: uc.UseCaseContext, reference: string, text: string) {
  return act(ctx, reference, (change, profile) => {
    assertActive(change.c);
    ops.proposeResolution(change, text, ctx.now, clockFulfilledBy(profile, change.c, ['respond', 'resolve']));
  });
}

export function moveToStage(ctx: uc.UseCaseContext, reference: string, stageId: string) {
  return act(ctx, reference, (change, profile) => {
    assertActive(change.c);
    if (change.c.kind !== 'complaint' || !profile.stages.some((s) => s.id === stageId)) {
      throw new Refusal(422, 'validationFailed', [{ path: 'stageId', code: 'unknownStage' }]);
    }
    if (change.c.stageId === stageId) throw new Refusal(409, 'alreadyAtStage');
    ops.moveToStage(change, stageId, ctx.now);
  });
}

export function issueLetter(ctx: uc.UseCaseContext, reference: string, kind: Letter['kind']) {
  return act(ctx, reference, (change, profile) => {
    ops.issueLetter(profile, change, ctx.now, kind, 'provider');
  });
}

export function closeCase(ctx: uc.UseCaseContext, reference: string, text?: string) {
  return act(ctx, reference, (change) => {
    if (change.c.status === 'closed') throw new Refusal(409, 'caseClosed');
    ops.closeCase(change, ctx.now, text);
  });
}

export async function events(ctx: uc.UseCaseContext, query: { after?: string | undefined; limit: number }) {
  const caller = requireProvider(ctx.caller);
  const after = query.after ?? '0';
  const rows = await ctx.tx.eventsAfter({ providerId: caller.providerId, kind: 'provider' }, after, query.limit + 1);
  const page = rows.slice(0, query.limit);
  return { events: page, cursor: page.at(-1)?.seq ?? after, hasMore: rows.length > query.limit };
}

/** The provider's API, one handler per operation of its table (the HTTP binding has checked the key and the body). */
export const providerHandlers: Handlers<ProviderOperation['id']> = {
  providerListCases: async (ctx, { query }) => {
    requireProvider(ctx.caller);
    return { status: 200, body: await uc.listCases(ctx, query) };
  },
  providerGetCase: async (ctx, { reference }) => {
    requireProvider(ctx.caller);
    return { status: 200, body: await uc.getCase(ctx, reference) };
  },
  providerGetTimeline: async (ctx, { reference }) => {
    requireProvider(ctx.caller);
    return { status: 200, body: await uc.getTimeline(ctx, reference) };
  },
  providerAcknowledge: async (ctx, { reference, body }) => ({ status: 200, body: await acknowledge(ctx, reference, body.text) }),
  providerSendUpdate: async (ctx, { reference, body }) => ({ status: 200, body: await sendUpdate(ctx, reference, body) }),
  providerProposeResolution: async (ctx, { reference, body }) => ({ status: 200, body: await proposeResolution(ctx, reference, body.text) }),
  providerMoveToStage: async (ctx, { reference, body }) => ({ status: 200, body: await moveToStage(ctx, reference, body.stageId) }),
  providerIssueLetter: async (ctx, { reference, body }) => ({ status: 200, body: await issueLetter(ctx, reference, body.kind) }),
  providerCloseCase: async (ctx, { reference, body }) => ({ status: 200, body: await closeCase(ctx, reference, body.text) }),
  providerWhoAmI: async (ctx) => {
    const caller = requireProvider(ctx.caller);
    return { status: 200, body: { id: caller.actor.replace(/^integration:/, ''), name: caller.name ?? caller.actor, actor: caller.actor } };
  },
  providerDownloadAttachment: async (ctx, { reference, params }) => {
    requireProvider(ctx.caller);
    const file = await uc.downloadAttachment(ctx, reference, params.id ?? '');
    return { status: 200, file: { bytes: file.bytes, name: file.meta.name } };
  },
  providerGetExternalRefs: async (ctx, { reference }) => {
    requireProvider(ctx.caller);
    return { status: 200, body: { externalRefs: (await uc.visibleCase(ctx, reference)).externalRefs ?? [] } };
  },
  providerSetExternalRef: async (ctx, { reference, params, body }) => {
    requireProvider(ctx.caller);
    const system = params.system ?? '';
    if (!/^[a-z0-9][a-z0-9-]{0,39}$/.test(system)) throw new Refusal(422, 'validationFailed', [{ path: 'system', code: 'invalidSystem' }]);
    const c = await uc.visibleCase(ctx, reference, { lock: true });
    c.externalRefs = [...(c.externalRefs ?? []).filter((r) => r.system !== system), { system, ...body }];
    await ctx.tx.updateCase(c);
    return { status: 200, body: { externalRefs: c.externalRefs } };
  },
  providerListWebhooks: async (ctx) => ({ status: 200, body: await webhooks.listWebhooks(ctx) }),
  providerCreateWebhook: async (ctx, { body }) => ({ status: 201, body: await webhooks.registerWebhook(ctx, body) }),
  providerDeleteWebhook: async (ctx, { params }) => {
    await webhooks.removeWebhook(ctx, params.id ?? '');
    return { status: 204 };
  },
  providerEvents: async (ctx, { query }) => ({ status: 200, body: await events(ctx, query) }),
};
