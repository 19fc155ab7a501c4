import { readFile } from 'node:fs/promises';
import { composeSupergraph, supergraphFile } from '@codex/gateway';
import { describe, expect, it } from 'vitest';

describe('supergraph composition', () => {
  it('composes the five subgraph SDLs without errors', async () => {
    await expect(composeSupergraph()).resolves.toContain('@join__graph(name: "analytics"');
  });

  it('matches the committed schema/supergraph.graphql (run `npm run compose` after editing an SDL)', async () => {
    const committed = await readFile(supergraphFile, 'utf8');
    expect(await composeSupergraph(), 'schema/supergraph.graphql is stale: run `npm run compose`').toBe(committed);
  });
});
