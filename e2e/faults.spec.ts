import { expect, test } from './fixtures';
import type { Page } from '@playwright/test';
import { api, BROWSER_RUNS, commentsWithText, faultsLeft, injectFaults, openCase, record, signInAs } from './faults-helpers';

/**
 * Exactly once and nothing lost, in the browser (issue 7, decision 0050): the case page's comment
 * form under a double click, a server that keeps failing, a connection that drops after the
 * server stored the comment, and going offline. Each scenario runs BROWSER_RUNS times and its
 * counts go to test-results/faults-browser.jsonl (scripts/fault-report.ts prints the total).
 */

test.describe.configure({ mode: 'serial' });
test.setTimeout(120_000 + BROWSER_RUNS * 15_000);

const box = 'Your comment';
const add = 'Add comment';

test(`comment: double-clicked "Add comment" × ${BROWSER_RUNS} → one comment each`, async ({ page }) => {
  await signInAs(page, 'Priya Shah');
  const reference = await openCase(page, 'broadband drops');
  let duplicates = 0;
  let lost = 0;
  for (let i = 0; i < BROWSER_RUNS; i++) {
    const words = `Double click ${i}: still dropping at 7pm – ${Date.now()}`;
    await page.getByLabel(box).fill(words);
    await page.getByRole('button', { name: add }).dblclick();
    await expect(page.getByText('Your comment has been added.')).toBeVisible();
    const n = await commentsWithText(page, reference, words);
    if (n > 1) duplicates += n - 1;
    if (n === 0) lost++;
  }
  record('comment double click', { runs: BROWSER_RUNS, duplicates, lostComments: lost });
  expect({ duplicates, lost }).toEqual({ duplicates: 0, lost: 0 });
});

test(`comment: dropped after store, 500 then retry × ${BROWSER_RUNS} → one comment, shown as added`, async ({ page }) => {
  await signInAs(page, 'Priya Shah');
  const reference = await openCase(page, 'broadband drops');
  let duplicates = 0;
  let lost = 0;
  for (let i = 0; i < BROWSER_RUNS; i++) {
    for (const fault of ['dropAfterStore', '500', '503', 'network'] as const) {
      const words = `After ${fault} ${i}: line still drops – ${Date.now()}`;
      await injectFaults(page, { addComment: [fault] });
      await page.getByLabel(box).fill(words);
      await page.getByRole('button', { name: add }).click();
      await expect(page.getByText('Your comment has been added.')).toBeVisible({ timeout: 15_000 });
      expect(await faultsLeft(page), 'every injected fault was met').toEqual({});
      const n = await commentsWithText(page, reference, words);
      if (n > 1) duplicates += n - 1;
      if (n === 0) lost++;
    }
  }
  record('comment transient faults', { runs: BROWSER_RUNS * 4, duplicates, lostComments: lost });
  expect({ duplicates, lost }).toEqual({ duplicates: 0, lost: 0 });
});

test('comment: a send that fails for good keeps its text; sending it again makes one comment', async ({ page }) => {
  await signInAs(page, 'Priya Shah');
  const reference = await openCase(page, 'broadband drops');
  let duplicates = 0;
  let lost = 0;
  // The first attempt reaches the server and is stored, then every answer is lost: the customer
  // is told it failed, and sends it again.
  const words = `Stored but never confirmed – ${Date.now()}`;
  await injectFaults(page, { addComment: ['dropAfterStore', 'network', 'network', 'network'] });
  await page.getByLabel(box).fill(words);
  await page.getByRole('button', { name: add }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Your comment was not added' })).toBeVisible({ timeout: 20_000 });
  expect(await faultsLeft(page), 'every injected fault was met').toEqual({});
  await expect(page.getByLabel(box)).toHaveValue(words);
  await page.getByRole('button', { name: add }).click();
  await expect(page.getByText('Your comment has been added.')).toBeVisible({ timeout: 15_000 });
  const n = await commentsWithText(page, reference, words);
  if (n > 1) duplicates += n - 1;
  if (n === 0) lost++;
  record('comment resent after a lost answer', { runs: 1, duplicates, lostComments: lost });
  expect({ duplicates, lost }).toEqual({ duplicates: 0, lost: 0 });
});

test('comment: offline for a while, the comment waits as pending; back online it is sent once', async ({ page, context }) => {
  await signInAs(page, 'Priya Shah');
  const reference = await openCase(page, 'broadband drops');
  const words = `Written on the train, no signal – ${Date.now()}`;
  await context.setOffline(true);
  // The page has heard it is offline (the query client pauses sends on the same 'offline' event).
  await expect.poll(() => page.evaluate(() => navigator.onLine)).toBe(false);
  await page.getByLabel(box).fill(words);
  await page.getByRole('button', { name: add }).click();
  // Offline the send waits rather than failing: the words stay on the screen as a pending comment,
  // whatever the time spent offline.
  const pending = page.locator('.timeline-pending').filter({ hasText: words });
  await expect(pending).toBeVisible();
  await expect(page.getByLabel(box)).toHaveValue('');
  await expect(page.getByRole('alert').filter({ hasText: 'Your comment was not added' })).toHaveCount(0);
  await context.setOffline(false);
  await expect(page.getByText('Your comment has been added.')).toBeVisible();
  await expect(pending).toHaveCount(0);
  const n = await commentsWithText(page, reference, words);
  record('comment offline', { runs: 1, duplicates: Math.max(0, n - 1), lostComments: n === 0 ? 1 : 0 });
  expect(n).toBe(1);
});

async function filesNamed(page: Page, reference: string, name: string): Promise<number> {
  const answer = await api<{ case: { attachments: Array<{ name: string }> } }>(page, 'GET', `/cases/${reference}`);
  expect(answer.status).toBe(200);
  return answer.body.case.attachments.filter((a) => a.name === name).length;
}

test(`evidence: double-clicked "Upload file" and transient faults × ${BROWSER_RUNS} → one file each`, async ({ page }) => {
  await signInAs(page, 'Priya Shah');
  let duplicates = 0;
  let lost = 0;
  let runs = 0;
  // A case takes 10 files, so at most 6 uploads here (the API suite runs the full count).
  const reference = await openCase(page, 'broadband drops');
  for (let i = 0; i < Math.min(BROWSER_RUNS, 2); i++) {
    for (const fault of ['double click', 'dropAfterStore', '500'] as const) {
      const name = `receipt-${fault.replace(' ', '-')}-${i}-${Date.now()}.txt`;
      if (fault !== 'double click') await injectFaults(page, { addEvidence: [fault] });
      await page.getByLabel('Choose a file').setInputFiles({ name, mimeType: 'text/plain', buffer: Buffer.from(`Receipt ${i}: paid £12.50`) });
      const button = page.getByRole('button', { name: 'Upload file' });
      if (fault === 'double click') await button.dblclick();
      else await button.click();
      await expect(page.getByText(`${name} has been added to your case.`)).toBeVisible({ timeout: 15_000 });
      expect(await faultsLeft(page), 'every injected fault was met').toEqual({});
      const n = await filesNamed(page, reference, name);
      duplicates += Math.max(0, n - 1);
      lost += n === 0 ? 1 : 0;
      runs++;
    }
  }
  record('evidence double click and transient faults', { runs, duplicates, lostComments: lost });
  expect({ duplicates, lost }).toEqual({ duplicates: 0, lost: 0 });
});

test('evidence: an upload that fails for good can be sent again; one file', async ({ page }) => {
  await signInAs(page, 'Priya Shah');
  const reference = await openCase(page, 'broadband drops');
  const name = `stored-never-confirmed-${Date.now()}.txt`;
  await injectFaults(page, { addEvidence: ['dropAfterStore', 'network', 'network', 'network'] });
  await page.getByLabel('Choose a file').setInputFiles({ name, mimeType: 'text/plain', buffer: Buffer.from('Receipt: paid £12.50') });
  await page.getByRole('button', { name: 'Upload file' }).click();
  await expect(page.locator('#evidence-file-error, .field-error, [role="alert"]').first()).toBeVisible({ timeout: 20_000 });
  expect(await faultsLeft(page), 'every injected fault was met').toEqual({});
  await page.getByRole('button', { name: 'Upload file' }).click();
  await expect(page.getByText(`${name} has been added to your case.`)).toBeVisible({ timeout: 15_000 });
  const n = await filesNamed(page, reference, name);
  record('evidence resent after a lost answer', { runs: 1, duplicates: Math.max(0, n - 1), lostComments: n === 0 ? 1 : 0 });
  expect(n).toBe(1);
});
