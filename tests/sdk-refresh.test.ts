import { describe, expect, it } from 'vitest';
import { memoryTokenStore } from '../sdk/src/index.ts';
import { createSdkTenant, recordingFetch, sdkClient, superadminClient } from './support/sdk-fixture.ts';

const expiringSoon = () => new Date(Date.now() + 5_000).toISOString();

describe('a session whose access token is about to expire', () => {
  it('ten parallel calls share one refresh, and the refresh token is never reused', async () => {
    const world = await createSdkTenant('sdk-refresh');
    const store = memoryTokenStore();
    const recorder = recordingFetch();
    const codex = sdkClient({ credentials: { ...world.admin, tokenStore: store }, fetch: recorder.fetch });
    await codex.auth.me();
    const before = (await store.get())!;
    await store.set({ ...before, expiresAt: expiringSoon() });

    const answers = await Promise.all(Array.from({ length: 10 }, () => codex.auth.me()));

    expect(answers.map((me) => me?.email)).toEqual(Array(10).fill(world.admin.email));
    expect(recorder.count('RefreshToken')).toBe(1);
    expect((await store.get())!.refreshToken).not.toBe(before.refreshToken);
    // The rotated session still refreshes: reuse detection would have revoked the whole family.
    await store.set({ ...(await store.get())!, expiresAt: expiringSoon() });
    expect((await codex.auth.me())?.email).toBe(world.admin.email);
    expect(recorder.count('RefreshToken')).toBe(2);
    const reuse = await superadminClient()
      .auth.events.list({ tenantId: world.tenantId, type: 'TOKEN_REUSE' })
      .firstPage();
    expect(reuse.totalCount).toBe(0);
  });
});
