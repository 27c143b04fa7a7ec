import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

/**
 * The built portal (`npm run build` → dist/) served from the server's origin: files as they are, the
 * pre-rendered public pages (dist/index.html, dist/complaints/new.html, dist/track.html), and the app shell
 * dist/index.html for every other page address (the portal routes in the browser).
 */

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** Hashed build output never changes under its name; pages must be revalidated so a deploy shows at once. */
function cacheControlOf(urlPath: string, file: string): string {
  if (urlPath.startsWith('/assets/')) return 'public, max-age=31536000, immutable';
  if (file.endsWith('.html')) return 'no-cache';
  return 'public, max-age=3600';
}

/**
 * The headers the build writes for static hosts (scripts/prerender.ts `headersFile`): the `/*` block of
 * dist/_headers — Content-Security-Policy (with the inline boot scripts' hashes), nosniff, Referrer-Policy,
 * Permissions-Policy, Strict-Transport-Security.
 */
export function parseHeadersFile(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  let inAll = false;
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      inAll = line.trim() === '/*';
      continue;
    }
    if (!inAll) continue;
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return headers;
}

/** Without a build: the same protections, with a policy that allows nothing to run (the API serves no pages). */
export const headersWithoutBuild: Record<string, string> = {
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'; base-uri 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
  'Strict-Transport-Security': 'max-age=63072000; includeSubDomains',
};

export async function loadPortalHeaders(distDir: string): Promise<{ headers: Record<string, string>; fromBuild: boolean }> {
  try {
    const headers = parseHeadersFile(await readFile(join(distDir, '_headers'), 'utf8'));
    if (Object.keys(headers).length > 0) return { headers, fromBuild: true };
  } catch {
    // no build yet
  }
  return { headers: headersWithoutBuild, fromBuild: false };
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

export interface PortalFile {
  path: string;
  contentType: string;
  cacheControl: string;
}

/**
 * The file that answers `urlPath`, or null. Never outside dist/, never a dot-file or the build's own
 * `_headers`; a missing file under /assets/ is a 404 (a stale chunk must fail, not load the page shell).
 */
export async function resolvePortalFile(distDir: string, urlPath: string): Promise<PortalFile | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.split('/').some((part) => part.startsWith('.') || part.startsWith('_'))) return null;
  const root = normalize(distDir + sep);
  const candidates = decoded.endsWith('/')
    ? [`${decoded}index.html`]
    : [decoded, `${decoded}.html`, `${decoded}/index.html`];
  for (const candidate of candidates) {
    const path = normalize(join(root, candidate));
    if (!path.startsWith(root)) return null;
    if (await isFile(path)) return { path, contentType: types[extname(path)] ?? 'application/octet-stream', cacheControl: cacheControlOf(urlPath, path) };
  }
  if (decoded.startsWith('/assets/') || extname(decoded) !== '') return null;
  const shell = join(root, 'index.html');
  return (await isFile(shell)) ? { path: shell, contentType: types['.html']!, cacheControl: 'no-cache' } : null;
}
