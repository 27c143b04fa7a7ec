import enCases from '@locales/en/cases.json';
import itCases from '@locales/it/cases.json';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Mail } from '@/api/schemas';
import { escapeHtml } from '@/core/notifications';

/**
 * The demo server's mailbox page (`GET /dev/mailbox`, DEMO=1 only; docs/decisions/0081-mail-and-mailbox.md):
 * the production build has no mailbox page of its own, so the server renders the outbox as a plain page —
 * no script, every text escaped, the portal's own stylesheet — in English or Italian (`?lng=`), with the
 * words of locales/<lng>/cases.json.
 */

const words = { en: enCases.mailbox, it: itCases.mailbox };

/** The built portal's stylesheet links (from dist/index.html), so the page looks like the portal. */
export async function portalStylesheets(distDir: string | null): Promise<string> {
  if (!distDir) return '';
  try {
    const index = await readFile(join(distDir, 'index.html'), 'utf8');
    return (index.match(/<link rel="stylesheet"[^>]*>/g) ?? []).join('');
  } catch {
    return '';
  }
}

export function renderMailbox(mails: Mail[], lng: 'en' | 'it', stylesheets: string): string {
  const t = words[lng];
  const when = new Intl.DateTimeFormat(lng === 'it' ? 'it-IT' : 'en-GB', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'Europe/London' });
  const items = mails
    .map(
      (mail) => `<li><article aria-labelledby="mail-${escapeHtml(mail.id)}">
<h2 id="mail-${escapeHtml(mail.id)}">${escapeHtml(mail.subject)}</h2>
<p class="hint">${escapeHtml(t.to)}: ${escapeHtml(mail.to)} · ${escapeHtml(t.sent)}: <time datetime="${escapeHtml(mail.sentAt)}">${escapeHtml(when.format(new Date(mail.sentAt)))}</time></p>
<pre class="mail-text" lang="${mail.lng}">${escapeHtml(mail.text)}</pre>
</article></li>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="${lng}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>${escapeHtml(t.title)}</title>${stylesheets}</head>
<body><main id="main" class="container"><div class="narrow">
<h1>${escapeHtml(t.title)}</h1>
<p class="lead">${escapeHtml(t.serverLead)}</p>
<p><a href="?lng=${lng}">${escapeHtml(t.refresh)}</a></p>
${mails.length === 0 ? `<p>${escapeHtml(t.empty)}</p>` : `<ol class="plain-list" aria-label="${escapeHtml(t.title)}">\n${items}\n</ol>`}
</div></main></body>
</html>`;
}
