import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/** Keys whose values never reach a log line: credentials and personal data. */
const redactedPaths = [
  'password',
  'newPassword',
  'token',
  'accessToken',
  'refreshToken',
  'apiKey',
  'secret',
  'clientSecret',
  'email',
  'phone',
  'authorization',
  'cookie',
  'x-api-key',
  'databaseUrl',
].flatMap((key) => [key, `*.${key}`, `*.*.${key}`]);

export interface LoggerOptions {
  service: string;
  level: string;
  pretty?: boolean;
  /** Where lines go (default stdout); tests capture them. */
  destination?: DestinationStream;
}

/** JSON logs for machines; one compact line per entry on a terminal in development. */
export function createLogger({ service, level, pretty = false, destination }: LoggerOptions): Logger {
  const options = {
    level,
    base: { service },
    redact: { paths: redactedPaths, censor: '[masked]' },
    timestamp: pino.stdTimeFunctions.isoTime,
    ...(pretty ? { transport: { target: 'pino-pretty', options: { colorize: true, ignore: 'pid,hostname' } } } : {}),
  };
  return destination ? pino(options, destination) : pino(options);
}
