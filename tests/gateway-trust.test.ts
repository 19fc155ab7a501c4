import { randomUUID } from 'node:crypto';
import { gatewayKey, subgraphNames } from '@codex/kit';
import { SignJWT } from 'jose';
import { describe, expect, inject, it } from 'vitest';
import { identityOf, subgraphRequest } from './support/subgraph-request.ts';

const serviceSdl = '{ _service { sdl } }';

async function tokenWith(key: Uint8Array, expiresAt: number, issuer = 'codex-gateway') {
  return new SignJWT({ rid: randomUUID(), ip: null, idn: identityOf('SUPERADMIN', null) })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(issuer)
    .setAudience('codex-subgraph')
    .setIssuedAt(expiresAt - 60)
    .setExpirationTime(expiresAt)
    .sign(key);
}

describe('a subgraph port answers only the gateway', () => {
  const now = () => Math.floor(Date.now() / 1000);
  const forgeries: [string, () => Promise<string | null>][] = [
    ['no signature', async () => null],
    ['a signature made with another key', () => tokenWith(gatewayKey('x'.repeat(48)), now() + 60)],
    ['an expired signature', () => tokenWith(gatewayKey(inject('gatewaySecret')), now() - 5)],
    ['a token from another issuer', () => tokenWith(gatewayKey(inject('gatewaySecret')), now() + 60, 'someone-else')],
    [
      'a tampered token',
      async () => `${(await tokenWith(gatewayKey(inject('gatewaySecret')), now() + 60)).slice(0, -4)}AAAA`,
    ],
  ];

  for (const service of subgraphNames) {
    it.each(forgeries)(`${service} refuses _service and _entities with %s`, async (_label, makeToken) => {
      const token = await makeToken();
      for (const query of [
        serviceSdl,
        `{ _entities(representations: [{ __typename: "Tenant", id: "${randomUUID()}" }]) { __typename } }`,
      ]) {
        const { status, body } = await subgraphRequest(service, query, { token });
        expect(status).toBe(401);
        expect(body.data).toBeUndefined();
        expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      }
    });

    it(`${service} serves health to anyone and its SDL to the gateway`, async () => {
      const health = await fetch(new URL('/health/ready', inject('subgraphUrls')[service]));
      expect(health.status).toBe(200);
      const { status, body } = await subgraphRequest(service, serviceSdl);
      expect(status).toBe(200);
      expect(body.data._service.sdl).toContain('type Tenant');
    });
  }
});
