import { z } from 'zod';

/** `customer.created`, or a prefix `customer.*`: lower-case words joined by dots. */
const eventTypePattern = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*(\.\*)?$/;
const maxEventTypes = 50;

export const eventTypesSchema = z
  .array(
    z
      .string()
      .max(100, 'must be at most 100 characters')
      .regex(eventTypePattern, 'must be like customer.created or customer.*'),
  )
  .max(maxEventTypes, `at most ${maxEventTypes} event types`)
  .transform((types) => [...new Set(types)]);

/** Whether an endpoint subscribed to `patterns` (empty: everything) wants an event of `type`. */
export function wantsEventType(patterns: readonly string[], type: string): boolean {
  if (patterns.length === 0) return true;
  return patterns.some((pattern) =>
    pattern.endsWith('.*') ? type.startsWith(pattern.slice(0, -1)) : pattern === type,
  );
}
