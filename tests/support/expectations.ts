/** Polls `check` until it passes or `timeoutMs` runs out (e.g. the gateway refreshes revocations every 2 s). */
export async function eventually(check: () => Promise<void>, timeoutMs = 5000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/** The code of a GraphQL answer's first error. */
export const errorCode = (body: { errors?: { extensions?: Record<string, unknown> }[] }) =>
  body.errors?.[0]?.extensions?.code;
