/// <reference types="node" />
import { fileURLToPath } from 'node:url';
import tailwindcss from '@tailwindcss/vite';
import type { UserConfig } from 'vite';
import { z } from 'zod';
import { initialJsReport } from './build-report.ts';

const webSettings = z.object({
  WEB_PORT: z.coerce.number().int().min(0).max(65535).default(5173),
  GATEWAY_URL: z
    .url({ protocol: /^https?$/ })
    .refine(
      (value) => new URL(value).pathname === '/',
      'must be the gateway origin without a path, e.g. http://localhost:4000',
    )
    .default('http://localhost:4000'),
});

export interface WebServerConfig {
  /** Port for `vite` and `vite preview`; 0 picks a free one. */
  port: number;
  /** Origin the `/graphql` proxy forwards to. */
  gatewayOrigin: string;
}

/** Reads WEB_PORT and GATEWAY_URL once; a bad value stops start-up with one line naming it. */
export function loadWebServerConfig(env: NodeJS.ProcessEnv = process.env): WebServerConfig {
  const parsed = webSettings.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid setting ${issue?.path.join('.') ?? 'configuration'}: ${issue?.message ?? 'invalid'}`);
  }
  return { port: parsed.data.WEB_PORT, gatewayOrigin: new URL(parsed.data.GATEWAY_URL).origin };
}

/**
 * The console's Vite config. Dev and preview servers proxy `/graphql` to the gateway so the
 * browser only ever talks to its own origin (no CORS, and cookies will just work once auth lands).
 */
export function createWebViteConfig({ port, gatewayOrigin }: WebServerConfig): UserConfig {
  // ws: the console's subscriptions use a WebSocket on the same /graphql path.
  const proxy = { '/graphql': { target: gatewayOrigin, changeOrigin: true, ws: true } };
  return {
    root: fileURLToPath(new URL('.', import.meta.url)),
    plugins: [tailwindcss(), initialJsReport()],
    // The budget that matters is the gzipped initial JS the report prints; raw chunk size is not it.
    build: {
      chunkSizeWarningLimit: 1024,
      rollupOptions: {
        // React Router marks its modules "use client" (for React Server Components); a client bundle has no use for it.
        onwarn: (warning, warn) => {
          if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
        },
      },
    },
    server: { port, strictPort: true, proxy },
    preview: { port, strictPort: true, proxy },
  };
}
