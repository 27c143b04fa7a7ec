import { setupWorker } from 'msw/browser';
import { db, indexedDbPersistence } from './db';
import { forgetSeeding, handlers } from './handlers';
import { seedBulk } from '@/core/demo-seed';
import { providerIdSchema } from '@/domain/profile-schema';

/**
 * Starts the simulated back office in the browser. `search` is the page's query string when the app
 * booted (the back office may start later, after the address has changed). URL switches (any page):
 *   ?now=<ISO 8601 instant>  freeze the back office's clock there
 *   ?mock=reset              wipe the simulated back office and start again from the seed
 *   ?seed=bulk&count=10000   add that many cases to the small business (long-list benchmark)
 *   &open=1                  …all of them left open by the provider (the staff queue's benchmark)
 */
export async function startMockBackOffice(search: string = window.location.search): Promise<void> {
  await db.open(indexedDbPersistence());
  forgetSeeding();
  const params = new URLSearchParams(search);
  if (params.get('mock') === 'reset') await db.reset();
  const now = params.get('now');
  if (now && !Number.isNaN(Date.parse(now))) {
    db.state.frozenAt = new Date(now).toISOString();
    await db.save();
  }
  if (params.get('seed') === 'bulk') {
    const provider = providerIdSchema.catch('nasstar').parse(params.get('provider') ?? localStorage.getItem('redress.provider'));
    const count = Math.min(Number(params.get('count') ?? 10_000) || 10_000, 50_000);
    await db.whenLoaded();
    if (Object.keys(db.state.cases).length < count) await db.transaction((tx) => seedBulk(tx, provider, count, db.now(), { allOpen: params.get('open') === '1' }));
  }
  const worker = setupWorker(...handlers);
  await worker.start({
    onUnhandledRequest: 'bypass',
    quiet: true,
    serviceWorker: { url: `${import.meta.env.BASE_URL}mockServiceWorker.js` },
  });
}
