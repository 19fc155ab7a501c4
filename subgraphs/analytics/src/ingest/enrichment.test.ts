import { describe, expect, it } from 'vitest';
import { createEnrichment, parseUserAgent } from './enrichment.ts';

const firefoxOnLinux = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
const safariOnIphone =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

describe('event enrichment', () => {
  it('parses a browser User-Agent into browser, OS and device class', () => {
    expect(parseUserAgent(firefoxOnLinux)).toEqual({ browser: 'Firefox', os: 'Linux', device: 'desktop' });
    expect(parseUserAgent(safariOnIphone)).toEqual({ browser: 'Safari', os: 'iOS', device: 'mobile' });
  });

  it('leaves requests that are not from a browser alone', () => {
    expect(parseUserAgent('node')).toBeNull();
    expect(parseUserAgent('curl/8.5.0')).toBeNull();
    expect(parseUserAgent(null)).toBeNull();
  });

  it('finds the country of public addresses in the bundled database, none for private ones', () => {
    const enrich = createEnrichment();
    expect(enrich({ userAgent: firefoxOnLinux, clientIp: '193.99.144.80' })?.country).toBe('DE');
    expect(enrich({ userAgent: firefoxOnLinux, clientIp: '::ffff:193.99.144.80' })?.country).toBe('DE');
    expect(enrich({ userAgent: firefoxOnLinux, clientIp: '127.0.0.1' })?.country).toBeNull();
    expect(enrich({ userAgent: 'curl/8.5.0', clientIp: '193.99.144.80' })).toBeNull();
  });
});
