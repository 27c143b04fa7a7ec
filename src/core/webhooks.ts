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

const requireProvider = (ctx: UseCaseContext) => {
  if (ctx.caller.kind !== 'provider') throw new Refusal(401, 'providerKeyRequired');
  return ctx.caller;
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
