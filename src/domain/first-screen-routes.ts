/**
 * The signed-in addresses whose first screen the server renders and sends with the page (decision 0179), in one
 * place: the server's gate (server/http/first-screen.ts), the build's list of each route module's stylesheets
 * (scripts/prerender.ts → dist/_ssr/first-screen-css.json) and the route modules' own first-screen queries
 * (src/lib/first-screen.ts `prefetchFirstScreen`, called with the route's key) all read it. Here rather than in
 * src/lib/paths.ts because the server may not import the portal's shared code; it is plain data, nothing more.
 */
export const firstScreenRoutes = {
  /** The customer's case list. */
  cases: { pattern: /^\/cases\/?$/, module: 'src/app/routes/cases.tsx' },
  /** One case; the reference is the first group. */
  case: { pattern: /^\/cases\/([^/]+)\/?$/, module: 'src/app/routes/case.tsx' },
  /** The staff workspace's queue. */
  staff: { pattern: /^\/staff\/?$/, module: 'src/app/routes/staff.tsx' },
} as const satisfies Record<string, { pattern: RegExp; module: string }>;

export type FirstScreenRoute = keyof typeof firstScreenRoutes;

/** Whether `pathname` is an address with a first screen (the query string is not part of it). */
export function hasFirstScreen(pathname: string): boolean {
  return Object.values(firstScreenRoutes).some(({ pattern }) => pattern.test(pathname));
}
