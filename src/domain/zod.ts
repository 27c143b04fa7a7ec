import * as z from 'zod';

/**
 * The one way the app imports zod. The portal runs under a Content-Security-Policy without
 * 'unsafe-eval', and zod's eval-based fast path probes `new Function` when its first object schema is
 * built — a CSP violation report. jitless must be set before any schema exists, so every module
 * takes zod from here.
 */
z.config({ jitless: true });

export { z };
