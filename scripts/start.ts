/**
 * `npm start`: the whole thing on one machine — builds the portal when dist/ is missing, then runs the server
 * (PGlite in ./data unless DATABASE_URL is set) on http://localhost:3000 (PORT, HOST). server/README.md.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const dist = resolve(process.env.DIST_DIR ?? 'dist');
if (!existsSync(resolve(dist, 'index.html'))) {
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), level: 'info', msg: 'no built portal: npm run build' })}\n`);
  const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
// In this process, so signals (SIGTERM from a supervisor, Ctrl-C) reach the server's graceful shutdown.
await import('../server/main.ts');
