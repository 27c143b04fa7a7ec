/**
 * `npm start`: the whole thing on one machine — builds the portal when dist/ is missing and the server into
 * build/server/main.js (scripts/build-server.ts, decision 0174); package.json's start then replaces this process
 * with `node build/server/main.js` (PGlite in ./data unless DATABASE_URL is set) on http://localhost:3000 (PORT,
 * HOST). server/README.md.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildServer } from './build-server.ts';

const dist = resolve(process.env.DIST_DIR ?? 'dist');
if (!existsSync(resolve(dist, 'index.html'))) {
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), level: 'info', msg: 'no built portal: npm run build' })}\n`);
  const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
// Always rebuilt (well under a second), so the server that starts is the source's.
await buildServer();
