/** The `extensions` of the error `run` throws (a GraphQLError from `parseInput`); fails when nothing is thrown. */
export function refusal(run: () => unknown): Record<string, unknown> | undefined {
  try {
    run();
  } catch (error) {
    return (error as { extensions?: Record<string, unknown> }).extensions;
  }
  throw new Error('expected a refusal');
}
