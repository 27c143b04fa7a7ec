/**
 * The signed-in pages as the real product serves them (issue 21.10, decision 0179): the production build (dist/)
 * served by the Node server as `npm start` runs it (build/server/main.js) on a fresh PGlite, in demo mode for its seeded customers
 * and cases, beside the static baseline (the home page's pre-rendered markup without scripts) served by the same
 * server. A Chromium profile is signed in through the server's own sign-in (email, code from the demo outbox, as a
 * person would), then Lighthouse runs on it with --disable-storage-reset. Part `server` of scripts/bench/run.ts.
 */
import { execSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { projectRoot } from './bundle.ts';
import { CHROME, CHROME_ARGS } from './demo-browser.ts';

const distDir = join(projectRoot, 'dist');
/** Not under a path part starting with `_`: the server never serves those. */
export const BASELINE_DIR = 'bench-static';

/** The home page as plain HTML (the pre-rendered markup and the stylesheet, no script), per language, into dist/. */
export function writeServerBaseline() {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const strip = (s: string) => s.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '').replace(/<link rel="modulepreload"[^>]*>/g, '');
  const root = /<div id="root"[^>]*>[\s\S]*?<\/div>(?=<template|<script)/.exec(html)?.[0] ?? '';
  const templates = [...html.matchAll(/<template id="prerender-(\w+)"[^>]*>([\s\S]*?)<\/template>/g)];
  mkdirSync(join(distDir, BASELINE_DIR), { recursive: true });
  const base = strip(html).replace(/<template[\s\S]*?<\/template>/g, '');
  writeFileSync(join(distDir, BASELINE_DIR, 'static-en.html'), base);
  for (const [, lng, markup] of templates) {
    writeFileSync(join(distDir, BASELINE_DIR, `static-${lng}.html`), base.replace(root, `<div id="root">${markup}</div>`).replace(/<html lang="\w+"/, `<html lang="${lng}"`));
  }
}

export interface RunningServer {
  origin: string;
  stop(): Promise<void>;
}

/** The server on a fresh PGlite in a temporary folder; `localhost` (the session cookie is Secure, which Chrome accepts there). */
export async function startServer(port: number): Promise<RunningServer> {
  const data = mkdtempSync(join(tmpdir(), 'redress-bench-server-'));
  // As `npm start` runs it: the server bundled (scripts/build-server.ts → build/server/main.js) and run by node.
  execSync('npm run build:server', { cwd: projectRoot, stdio: 'ignore' });
  const child: ChildProcess = spawn(process.execPath, [join(projectRoot, 'build', 'server', 'main.js')], {
    cwd: projectRoot,
    env: { ...process.env, DEMO: '1', PORT: String(port), HOST: '127.0.0.1', DIST_DIR: distDir, DATA_DIR: join(data, 'pglite'), FILES_DIR: join(data, 'files'), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const origin = `http://localhost:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(data, { recursive: true, force: true });
  };
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) break;
    try {
      if ((await fetch(`${origin}/api/health`)).ok) return { origin, stop };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await stop();
  throw new Error('the server did not start');
}

/**
 * Signs `email` in through the server's sign-in page in a persistent profile Lighthouse then reuses (the code read from
 * the demo outbox, GET /api/demo/mailbox), and answers the path of the first case in their list.
 */
export async function signInOnServer(origin: string, profileDir: string, email: string): Promise<string | null> {
  const context = await chromium.launchPersistentContext(profileDir, { executablePath: CHROME, args: CHROME_ARGS.slice(1), headless: true });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${origin}/sign-in?lng=en`);
    await page.getByLabel('Email address').fill(email);
    await page.getByRole('button', { name: 'Send me a code' }).click();
    await page.getByLabel('Code from the email').waitFor();
    const mailbox = (await (await page.request.get(`${origin}/api/demo/mailbox`, { headers: { 'X-Redress-Provider': 'nasstar' } })).json()) as { mails: { to: string; subject: string; text: string }[] };
    const code = mailbox.mails.filter((m) => m.to === email).map((m) => /\b(\d{6})\b/.exec(m.subject)?.[1] ?? /\b(\d{6})\b/.exec(m.text)?.[1]).find(Boolean);
    if (!code) throw new Error(`no sign-in code mailed to ${email}`);
    await page.getByLabel('Code from the email').fill(code);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.locator('.case-list-item a').first().waitFor({ timeout: 30_000 });
    const href = await page.locator('.case-list-item a').first().getAttribute('href');
    return href ? new URL(href, origin).pathname : null;
  } finally {
    await context.close();
  }
}
