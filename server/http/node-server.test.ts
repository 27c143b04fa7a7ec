import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config';
import { nodeServerOptions } from './node-server';

/** Idle keep-alive connections outlive a load balancer's (docs/decisions/0095-keep-alive-timeout.md). */
describe('keep-alive', () => {
  it('keeps idle connections 65 s by default, configurable, with headers allowed a second more', () => {
    expect(loadConfig({}).keepAliveTimeoutMs).toBe(65_000);
    expect(loadConfig({ KEEP_ALIVE_TIMEOUT_MS: '620000' }).keepAliveTimeoutMs).toBe(620_000);
    expect(() => loadConfig({ KEEP_ALIVE_TIMEOUT_MS: '10' })).toThrow(ConfigError);
    expect(nodeServerOptions(65_000)).toEqual({ keepAliveTimeout: 65_000, headersTimeout: 66_000 });
  });

  it('applies to the server Hono runs on: an idle connection closes at the configured time, not at Node’s 5 s', async () => {
    const app = new Hono().get('/', (c) => c.text('ok'));
    const server = await new Promise<Server>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1', serverOptions: nodeServerOptions(1000) }, () => resolve(s as Server));
    });
    try {
      expect(server.keepAliveTimeout).toBe(1000);
      const { port } = server.address() as AddressInfo;
      // One request on a raw socket, then idle: the server closes it once the keep-alive time has passed.
      const socket = connect(port, '127.0.0.1');
      const answered = new Promise<void>((resolve) => socket.once('data', () => resolve()));
      const closed = new Promise<number>((resolve) => socket.once('close', () => resolve(performance.now())));
      socket.write('GET / HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n');
      await answered;
      const idleFrom = performance.now();
      const idle = (await closed) - idleFrom;
      expect(idle).toBeGreaterThanOrEqual(900);
      expect(idle).toBeLessThan(4500);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
