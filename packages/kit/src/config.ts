import { z } from 'zod';

/** Raised when a setting is missing or malformed; its message is the one line start-up prints. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Validates `env` against a zod object schema once, at start. The first problem becomes a
 * one-line ConfigError naming the variable, so a bad setting stops start-up readably.
 */
export function loadConfig<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const name = issue?.path.join('.') ?? 'configuration';
  throw new ConfigError(`Invalid setting ${name}: ${issue?.message ?? 'invalid'}`);
}

export const portSetting = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

export const booleanSetting = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', ''])
    .default(fallback ? 'true' : 'false')
    .transform((value) => value === 'true' || value === '1');

export const postgresUrlSetting = () =>
  z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL');

/** A random secret of 32+ characters (the gateway's signature key; Auth's key-encryption key). */
export const gatewaySecretSetting = () => z.string().min(32, 'must be at least 32 random characters');

export const runtimeSettings = {
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HOST: z.string().default('0.0.0.0'),
  /** json for machines (default); pretty for a person at a terminal. */
  LOG_FORMAT: z.enum(['json', 'pretty']).default('json'),
  /** Stack traces in error answers: an explicit opt-in for debugging, off in every mode by default. */
  EXPOSE_ERROR_STACKS: booleanSetting(false),
};

const milliseconds = (fallback: number) => z.coerce.number().int().min(1).max(3_600_000).default(fallback);

/** Bounded work per request at the database (README "Bounded work"); the same names on the platform runner. */
export const databaseLimitSettings = {
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(1000).default(10),
  DATABASE_POOL_TIMEOUT_MS: milliseconds(5000),
  DATABASE_STATEMENT_TIMEOUT_MS: milliseconds(5000),
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: milliseconds(10_000),
};

/** Optional bearer token for GET /metrics (besides the gateway's signature); 32+ characters, empty = unset. */
export const metricsTokenSetting = () =>
  z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.string().min(32, 'must be at least 32 random characters').optional(),
  );
