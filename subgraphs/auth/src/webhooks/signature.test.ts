import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { newWebhookSecret, signWebhook } from './signature.ts';

describe('webhook signatures', () => {
  it('verify with the Standard Webhooks reference library', () => {
    const secret = newWebhookSecret();
    const body = JSON.stringify({ type: 'customer.created', timestamp: new Date().toISOString(), data: { id: 'x' } });
    const headers = signWebhook([secret], '4f8c7a49-8a7e-4f5e-9a59-6c0b8f3f1d2e', new Date(), body);
    expect(new Webhook(secret).verify(body, { ...headers })).toEqual(JSON.parse(body));
  });

  it('during a rotation carry one signature per secret, each verifying alone', () => {
    const [next, previous] = [newWebhookSecret(), newWebhookSecret()];
    const headers = signWebhook([next, previous], 'evt', new Date(), '{}');
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    for (const secret of [next, previous]) expect(new Webhook(secret).verify('{}', { ...headers })).toEqual({});
  });

  it('fail verification under another secret or an altered body', () => {
    const secret = newWebhookSecret();
    const headers = signWebhook([secret], 'evt', new Date(), '{"a":1}');
    expect(() => new Webhook(newWebhookSecret()).verify('{"a":1}', { ...headers })).toThrow();
    expect(() => new Webhook(secret).verify('{"a":2}', { ...headers })).toThrow();
  });
});
