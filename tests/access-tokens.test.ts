import { demoUsers } from '@codex/kit';
import { decodeJwt, decodeProtectedHeader, generateKeyPair, SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, login } from './support/actors.ts';
import { graphql } from './support/graphql.ts';

/** Forged and broken access tokens at the gateway: each is refused with UNAUTHENTICATED and HTTP 401. */
let genuine: string;
beforeAll(async () => {
  genuine = await login(demoUsers.client.email, demoUsers.client.password);
});

const me = '{ me { id email } }';
const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

async function signedByAnotherKey(claims: Record<string, unknown>, kid: string, expiresIn = '10m') {
  const { privateKey } = await generateKeyPair('ES256');
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', kid })
    .setIssuer('codex-auth')
    .setAudience('codex-api')
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(privateKey);
}

describe('access tokens at the gateway', () => {
  it('accepts the genuine token', async () => {
    const { status, body } = await graphql(me, {}, { headers: bearer(genuine) });
    expect(status).toBe(200);
    expect(body.data?.me.email).toBe(demoUsers.client.email);
  });

  const forgeries: [string, () => Promise<string>][] = [
    [
      'a payload edited to claim SUPERADMIN',
      async () => {
        const [header, payload, signature] = genuine.split('.');
        const claims = { ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), role: 'SUPERADMIN', tid: null };
        return `${header}.${base64url(claims)}.${signature}`;
      },
    ],
    [
      'a signature from another key under the real kid',
      async () => {
        const claims = decodeJwt(genuine);
        return signedByAnotherKey(
          { ...claims, role: 'SUPERADMIN', tid: null },
          String(decodeProtectedHeader(genuine).kid),
        );
      },
    ],
    [
      'alg "none"',
      async () => {
        const claims = decodeJwt(genuine);
        return `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ ...claims, role: 'SUPERADMIN' })}.`;
      },
    ],
    [
      'an HS256 token (algorithm confusion)',
      async () => {
        return new SignJWT({ ...decodeJwt(genuine) })
          .setProtectedHeader({ alg: 'HS256', kid: String(decodeProtectedHeader(genuine).kid) })
          .sign(new TextEncoder().encode('public-key-as-secret-0123456789abcdef'));
      },
    ],
    [
      'an expired token',
      async () => {
        const claims = decodeJwt(genuine);
        return signedByAnotherKey(
          { ...claims, exp: Math.floor(Date.now() / 1000) - 60 },
          String(decodeProtectedHeader(genuine).kid),
        );
      },
    ],
    ['a truncated token', async () => genuine.slice(0, -10)],
    ['garbage', async () => 'not.a.jwt'],
  ];

  it.each(forgeries)('refuses %s', async (_label, forge) => {
    const { status, body } = await graphql(me, {}, { headers: bearer(await forge()) });
    expect(status).toBe(401);
    expect(body.data ?? null).toBeNull();
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a malformed Authorization header rather than treating the caller as anonymous', async () => {
    const { status, body } = await graphql(me, {}, { headers: { authorization: `Token ${genuine}` } });
    expect(status).toBe(401);
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('answers an anonymous caller that asks for data with UNAUTHENTICATED', async () => {
    const { body } = await graphql(me);
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
