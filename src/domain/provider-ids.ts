/** The providers Redress knows, without pulling the schema library into the first page. */
export const providerIds = ['nasstar', 'netservers', 'commsombudsman', 'ask4', 'miso'] as const;
export type ProviderId = (typeof providerIds)[number];

export function isProviderId(value: unknown): value is ProviderId {
  return typeof value === 'string' && (providerIds as readonly string[]).includes(value);
}
