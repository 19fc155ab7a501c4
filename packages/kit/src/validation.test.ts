import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { inputSchema } from './validation.ts';

interface GeneratedInput {
  name: string;
  note?: string | null;
}

describe('inputSchema', () => {
  it('accepts a schema whose fields are the generated input type’s', () => {
    const schema = inputSchema<GeneratedInput>()(z.object({ name: z.string(), note: z.string().nullish() }));
    expect(schema.parse({ name: 'a' })).toEqual({ name: 'a' });
  });

  it('is a type error when the schema forgets a field, adds one, or refuses a value the SDL allows', () => {
    // @ts-expect-error `note` is in the SDL and missing from the schema
    inputSchema<GeneratedInput>()(z.object({ name: z.string() }));
    // @ts-expect-error `extra` is not in the SDL
    inputSchema<GeneratedInput>()(z.object({ name: z.string(), note: z.string().nullish(), extra: z.string() }));
    // @ts-expect-error `note` may be null in the SDL; the schema refuses null
    inputSchema<GeneratedInput>()(z.object({ name: z.string(), note: z.string().optional() }));
    expect(true).toBe(true);
  });
});
