import type { Request, Response, Router } from 'express';
import express from 'express';

export interface ReadinessCheck {
  name: string;
  check: () => Promise<Record<string, unknown> | undefined>;
}

export interface CheckResult {
  status: 'up' | 'down';
  latencyMs: number;
  error?: string;
  [detail: string]: unknown;
}

async function runCheck(check: ReadinessCheck, timeoutMs: number): Promise<CheckResult> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
    });
    const detail = await Promise.race([check.check(), timeout]);
    return { status: 'up', latencyMs: Math.round(performance.now() - started), ...(detail ?? {}) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { status: 'down', latencyMs: Math.round(performance.now() - started), error: message };
  } finally {
    clearTimeout(timer);
  }
}

/** Runs readiness checks in parallel; the whole is up only if every part is. */
export async function runReadiness(checks: ReadinessCheck[], timeoutMs = 2000) {
  const results = await Promise.all(
    checks.map(async (check) => [check.name, await runCheck(check, timeoutMs)] as const),
  );
  const parts = Object.fromEntries(results);
  const status = results.every(([, result]) => result.status === 'up') ? 'up' : 'down';
  return { status, checks: parts } as const;
}

/** `GET /health` (the process answers) and `GET /health/ready` (it can serve: its dependencies answer). */
export function healthRouter(options: { service: string; version: string; checks: ReadinessCheck[] }): Router {
  const router = express.Router();
  router.get('/health', (_req: Request, res: Response) => {
    res.json({ status: 'up', service: options.service, version: options.version });
  });
  router.get('/health/ready', async (_req: Request, res: Response) => {
    const readiness = await runReadiness(options.checks);
    res
      .status(readiness.status === 'up' ? 200 : 503)
      .json({ service: options.service, version: options.version, ...readiness });
  });
  return router;
}
