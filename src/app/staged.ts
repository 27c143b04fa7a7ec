/** Lets the browser paint and handle input between two pieces of start-up work. */
const yieldToBrowser = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * The large shared libraries of the form and case pages (phone numbers, zod and the API contract built with it, forms),
 * evaluated one task each before the route module itself. Loading a page evaluates its whole module
 * graph in one go; staged like this, no single task blocks the main thread for long (issue 6: Total
 * Blocking Time on a slow phone). They download in parallel either way.
 */
// Through our own modules, not the libraries' entry points: a dynamic import keeps every export it
// names, and `import('zod')` would bring the whole library back into the build.
export const contract = [() => import('@/domain/phone'), () => import('@/domain/profile-schema'), () => import('@/api/schemas')];
export const formLibraries = [...contract, () => import('react-hook-form')];
export function staged<T>(first: (() => Promise<unknown>)[], route: () => Promise<T>): () => Promise<T> {
  return async () => {
    for (const load of first) {
      await load();
      await yieldToBrowser();
    }
    return route();
  };
}
