/**
 * The signed-in addresses whose first screen the server renders and sends with the page (decision 0179), in one
 * place: the server's gate (server/http/first-screen.ts), the build's list of each route module's stylesheets
 * (scripts/prerender.ts → dist/_ssr/first-screen-css.json, keyed by the route's name: the patterns are only here)
 * and the route modules' own first-screen queries
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

export const firstScreenRouteNames = Object.keys(firstScreenRoutes) as FirstScreenRoute[];

/** The first-screen route whose address `pathname` is (the query string is not part of it), or null when it has none. */
export function firstScreenRouteOf(pathname: string): FirstScreenRoute | null {
  return firstScreenRouteNames.find((name) => firstScreenRoutes[name].pattern.test(pathname)) ?? null;
}
