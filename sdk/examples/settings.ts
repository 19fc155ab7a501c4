/** Reads a required environment variable, or stops with a one-line message naming it. */
export function setting(name: string): string {
  const value = process.env[name];
  if (!value) {
    console.error(`Set ${name} (see sdk/README.md, "Examples").`);
    process.exit(2);
  }
  return value;
}

export const codexUrl = () => process.env.CODEX_URL ?? 'http://localhost:4000/graphql';
