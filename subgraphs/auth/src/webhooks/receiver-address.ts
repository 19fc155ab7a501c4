import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/** WEBHOOKS_ALLOW_PRIVATE_NETWORKS: `false` public addresses only; `loopback` also this host; `true` anything. */
export type PrivateNetworkPolicy = 'false' | 'loopback' | 'true';

export interface ReceiverAddress {
  address: string;
  family: 4 | 6;
}

/**
 * Whether a receiver may be reached at `address`. Only ipaddr.js's `unicast` range is public: private,
 * loopback, link-local (cloud metadata 169.254.169.254), unique-local (fd00:ec2::254), carrier-grade
 * NAT, multicast, reserved and the rest are refused. IPv4-mapped IPv6 is judged as its IPv4 address.
 */
export function isAllowedAddress(address: string, policy: PrivateNetworkPolicy): boolean {
  if (policy === 'true') return true;
  if (!ipaddr.isValid(address)) return false;
  const range = ipaddr.process(address).range();
  return range === 'unicast' || (policy === 'loopback' && range === 'loopback');
}

/** Why a receiver cannot be reached, said to the ADMIN (at registration) and in the delivery log. */
export class ReceiverRefused extends Error {}

/**
 * The address to connect to for `url`: every address its host resolves to must be allowed (a name
 * answering one public and one private address is refused), and the caller connects to the one
 * returned, never resolving again (no rebinding between the check and the connection).
 */
export async function resolveReceiver(url: URL, policy: PrivateNetworkPolicy): Promise<ReceiverAddress> {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const literal = isIP(host);
  const addresses = literal
    ? [{ address: host, family: literal }]
    : await lookup(host, { all: true, verbatim: true }).catch(() => {
        throw new ReceiverRefused(`${host} does not resolve`);
      });
  const refused = addresses.find((entry) => !isAllowedAddress(entry.address, policy));
  if (refused) throw new ReceiverRefused(`${host} resolves to a non-public address (${refused.address})`);
  const [first] = addresses;
  if (!first) throw new ReceiverRefused(`${host} does not resolve`);
  return { address: first.address, family: first.family === 6 ? 6 : 4 };
}
