import { describe, expect, it } from 'vitest';
import { isAllowedAddress, ReceiverRefused, resolveReceiver } from './receiver-address.ts';

const refusedEverywhere = [
  '10.1.2.3',
  '172.16.0.1',
  '192.168.1.1',
  '169.254.169.254',
  '100.100.100.200',
  '0.0.0.0',
  '224.0.0.1',
  '255.255.255.255',
  'fe80::1',
  'fd00:ec2::254',
  'ff02::1',
  '::',
  '::ffff:10.0.0.1',
];

describe('webhook receiver addresses', () => {
  it('public unicast addresses are allowed', () => {
    for (const address of ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946', '::ffff:93.184.216.34'])
      expect(isAllowedAddress(address, 'false'), address).toBe(true);
  });

  it('private, link-local, unique-local, multicast, metadata and unspecified addresses are refused', () => {
    for (const address of refusedEverywhere) {
      expect(isAllowedAddress(address, 'false'), address).toBe(false);
      expect(isAllowedAddress(address, 'loopback'), address).toBe(false);
    }
  });

  it('loopback only where the policy allows it; `true` allows anything', () => {
    for (const address of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) {
      expect(isAllowedAddress(address, 'false'), address).toBe(false);
      expect(isAllowedAddress(address, 'loopback'), address).toBe(true);
    }
    expect(isAllowedAddress('10.0.0.1', 'true')).toBe(true);
  });

  it('an address literal is checked without DNS; localhost resolves and is refused without the policy', async () => {
    await expect(resolveReceiver(new URL('http://[::1]:8080/'), 'loopback')).resolves.toEqual({
      address: '::1',
      family: 6,
    });
    await expect(resolveReceiver(new URL('http://169.254.169.254/'), 'loopback')).rejects.toThrow(ReceiverRefused);
    await expect(resolveReceiver(new URL('http://localhost/'), 'false')).rejects.toThrow(ReceiverRefused);
  });
});
