import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { gatewayKey, signGatewayToken, verifyGatewayToken } from './gateway-trust.ts';

const key = gatewayKey('s'.repeat(48));
const now = () => Math.floor(Date.now() / 1000);

/** A token as any HS256 JWS library makes it: the verifier must not depend on our signer's byte layout. */
const joseToken = (
  signingKey: Uint8Array,
  expiresAt: number,
  claims: { iss?: string; aud?: string; alg?: string } = {},
) =>
  new SignJWT({ rid: 'r1', ip: null, idn: null })
    .setProtectedHeader({ alg: claims.alg ?? 'HS256' })
    .setIssuer(claims.iss ?? 'codex-gateway')
    .setAudience(claims.aud ?? 'codex-subgraph')
    .setIssuedAt(expiresAt - 60)
    .setExpirationTime(expiresAt)
    .sign(signingKey);

describe('verifyGatewayToken', () => {
  it("gives back what the gateway signed, and accepts any HS256 JWS with the gateway's claims", async () => {
    const token = await signGatewayToken(key, {
      requestId: 'r1',
      clientIp: '10.0.0.1',
      userAgent: 'ua',
      identity: null,
    });
    expect(verifyGatewayToken(key, token)).toEqual({
      requestId: 'r1',
      clientIp: '10.0.0.1',
      userAgent: 'ua',
      identity: null,
    });
    expect(verifyGatewayToken(key, await joseToken(key, now() + 60)).requestId).toBe('r1');
  });

  it.each([
    ['another key', () => joseToken(gatewayKey('x'.repeat(48)), now() + 60)],
    ['an expired token', () => joseToken(key, now() - 1)],
    ['another issuer', () => joseToken(key, now() + 60, { iss: 'someone-else' })],
    ['another audience', () => joseToken(key, now() + 60, { aud: 'someone-else' })],
    ['another algorithm', () => joseToken(key, now() + 60, { alg: 'HS512' })],
    ['a tampered signature', async () => `${(await joseToken(key, now() + 60)).slice(0, -4)}AAAA`],
    ['no signature', async () => `${(await joseToken(key, now() + 60)).split('.').slice(0, 2).join('.')}.`],
    ['garbage', async () => 'not-a-token'],
  ])('refuses %s', async (_label, token) => {
    const forged = await token();
    expect(() => verifyGatewayToken(key, forged)).toThrow();
  });
});
