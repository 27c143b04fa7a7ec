import { hashProviderKey } from '@/core/provider-api';
import type { StoredIntegration } from '@/core/ports';
import { providerIds } from '@/domain/provider-ids';
import type { ProviderId } from '@/domain/profile-schema';

/**
 * The simulated back office's provider integrations (docs/decisions/0090-provider-api.md): one demo key per
 * provider, `demo_crm_key_<provider>` (e.g. `demo_crm_key_nasstar`), so the provider's API works in the browser
 * demo and the tests exactly as on a server. Never a real key: the server has no such integration.
 */
export const demoProviderKey = (providerId: ProviderId) => `demo_crm_key_${providerId}`;

let byHash: Promise<Map<string, StoredIntegration>> | null = null;

export async function findDemoIntegration(keyHash: string): Promise<StoredIntegration | null> {
  byHash ??= Promise.all(
    providerIds.map(async (providerId): Promise<[string, StoredIntegration]> => [
      await hashProviderKey(demoProviderKey(providerId)),
      { id: `int_demo_${providerId}`, providerId, name: 'Demo CRM', createdAt: '2026-01-01T00:00:00.000Z', revokedAt: null },
    ]),
  ).then((entries) => new Map(entries));
  return (await byHash).get(keyHash) ?? null;
}
