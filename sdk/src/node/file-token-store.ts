import { readFile, rm, writeFile } from 'node:fs/promises';
import type { SessionTokens, TokenStore } from '../token-store.ts';

/** Tokens in a JSON file readable by its owner only (Node), so a CLI stays logged in between runs. */
export function fileTokenStore(path: string): TokenStore {
  return {
    async get() {
      try {
        return JSON.parse(await readFile(path, 'utf8')) as SessionTokens;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async set(tokens) {
      if (tokens) await writeFile(path, JSON.stringify(tokens), { mode: 0o600 });
      else await rm(path, { force: true });
    },
  };
}
