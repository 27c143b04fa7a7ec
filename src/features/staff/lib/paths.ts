/** The staff workspace's addresses (lazy routes under /staff, never in the customer's first bundle). */
export const staffPaths = {
  queue: '/staff',
  log: '/staff/log',
  team: '/staff/team',
  letters: '/staff/letters',
  integrations: '/staff/integrations',
  proof: '/staff/proof',
  customers: '/staff/customers',
  customer: (id: string) => `/staff/customers/${encodeURIComponent(id)}`,
  case: (reference: string) => `/staff/cases/${encodeURIComponent(reference)}`,
} as const;
