import type { WebhookInput, WebhookView } from '@/api/schemas';
import type { StoredWebhook } from './ports';
import { Refusal } from './problem';
import { newId, randomToken } from './references';
import type { UseCaseContext } from './use-cases';

/**
 * Signed webhooks (docs/decisions/0151-signed-webhooks.md): a provider registers endpoints for chosen event
 * types through its API; the server delivers each event of the feed to each endpoint, signed with the
 * endpoint's secret (server/webhooks/). The core keeps the rules of registration; where and how registrations
 * are kept is the adapter's (`WebhookRegistry`), and delivery is the server's alone (a browser's simulated back
 * office registers but never sends).
 */

/** Endpoints a provider may register. */
export const WEBHOOKS_PER_PROVIDER = 20;

/** The provider's own system (its key), or one of its managers in the staff workspace. */
const requireProvider = (ctx: UseCaseContext) => {
  const caller = ctx.caller;
  if (caller.kind === 'provider') return caller;
  if (caller.kind === 'staff') {
    if (caller.staff.role !== 'manager') throw new Refusal(403, 'managerOnly');
    return caller;
  }
  // The provider API answers only a valid key; in the portal, anyone signed in who is not staff is refused.
  if (caller.kind === 'anonymous') throw new Refusal(401, 'signInRequired');
  throw new Refusal(403, 'staffOnly');
};

const view = ({ secret: _secret, providerId: _providerId, ...rest }: StoredWebhook): WebhookView => rest;

export async function registerWebhook(ctx: UseCaseContext, input: WebhookInput) {
  const provider = requireProvider(ctx);
  const url = new URL(input.url);
  if (url.username || url.password) throw new Refusal(422, 'validationFailed', [{ path: 'url', code: 'credentialsInUrl' }]);
  const problem = ctx.webhookAddressCheck ? await ctx.webhookAddressCheck(url.toString()) : url.protocol === 'https:' ? null : 'httpsRequired';
  if (problem) throw new Refusal(422, 'validationFailed', [{ path: 'url', code: problem }]);
  if ((await ctx.tx.webhooks(provider.providerId)).length >= WEBHOOKS_PER_PROVIDER) throw new Refusal(409, 'tooManyWebhooks');
  const stored: StoredWebhook = {
    id: newId('whk'),
    providerId: provider.providerId,
    url: url.toString(),
    events: [...new Set(input.events)],
    enabled: true,
    disabledReason: null,
    createdAt: ctx.now.toISOString(),
    secret: `whsec_${randomToken(43)}`,
  };
  await ctx.tx.insertWebhook(stored);
  return { webhook: view(stored), secret: stored.secret };
}

export async function listWebhooks(ctx: UseCaseContext) {
  const provider = requireProvider(ctx);
  return { webhooks: (await ctx.tx.webhooks(provider.providerId)).map(view) };
}

export async function removeWebhook(ctx: UseCaseContext, id: string) {
  const provider = requireProvider(ctx);
  if (!(await ctx.tx.deleteWebhook(provider.providerId, id))) throw new Refusal(404, 'notFound');
}

/** The managers' integrations page: each connector's state, the endpoints (with failures in a row) and the failed deliveries. */
export async function integrations(ctx: UseCaseContext) {
  const { providerId } = requireProvider(ctx);
  const port = ctx.integrations?.(ctx.tx);
  const [connectors, failures, failedDeliveries] = port ? [await port.connectors(providerId), await port.endpointFailures(providerId), await port.failedDeliveries(providerId, 100)] as const : [[], {} as Record<string, number>, []];
  const webhooks = (await ctx.tx.webhooks(providerId)).map((w) => ({ ...view(w), consecutiveFailures: failures[w.id] ?? 0 }));
  return { connectors, webhooks, failedDeliveries };
}

export async function retryDelivery(ctx: UseCaseContext, id: string) {
  const { providerId } = requireProvider(ctx);
  const port = ctx.integrations?.(ctx.tx);
  if (!port || !(await port.retryDelivery(providerId, id))) throw new Refusal(404, 'notFound');
}
