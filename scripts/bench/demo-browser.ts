import { chromium } from '@playwright/test';

/** The Chromium the benchmark scripts drive (Debian's by default) and the flags they give it. */
export const CHROME = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROME_ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
/** The demo clock every benchmark runs at, so the seeded cases are the same in every run. */
export const BENCH_NOW = '2026-11-23T10:00:00Z';

/**
 * Signs the demo's one-click customer in, in a persistent browser profile that Lighthouse then reuses, and answers
 * the path of the first case in their list (null when the list shows none).
 */
export async function signInProfile(origin: string, profileDir: string): Promise<string | null> {
  const context = await chromium.launchPersistentContext(profileDir, { executablePath: CHROME, args: CHROME_ARGS.slice(1), headless: true });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${origin}/sign-in?lng=en&provider=nasstar&now=${BENCH_NOW}`);
  await page.getByRole('button', { name: 'Sign in as Priya Shah' }).click();
  await page.locator('.case-list-item a').first().waitFor({ timeout: 30_000 });
  const href = await page.locator('.case-list-item a').first().getAttribute('href');
  await context.close();
  return href ? new URL(href, origin).pathname : null;
}
