import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Bowser from 'bowser';
import { type CountryResponse, Reader } from 'mmdb-lib';

/** What ingestion adds to an event its sender did not describe: browser, OS, device and country. */
export interface EventEnrichment {
  browser: string | null;
  os: string | null;
  device: string | null;
  country: string | null;
}

/** Where a request came from, as the gateway established it. */
export interface RequestOrigin {
  userAgent: string | null;
  clientIp: string | null;
}

export type Enrich = (origin: RequestOrigin) => EventEnrichment | null;

/** ip-location-db's record: only `country_code` (mmdb-lib types MaxMind's layouts, hence the intersection). */
type CountryRecord = CountryResponse & { country_code?: string };

/** The bundled, offline GeoIP database (GeoFeed + RIR whois + ASN, IPv4 and IPv6; see README "Ingestion"). */
const geoDatabase = '@ip-location-db/geo-whois-asn-country-mmdb/geo-whois-asn-country.mmdb';

/**
 * Enrichment for events sent from a browser: only a User-Agent that names a browser enriches, so a
 * server sending events (node, curl) does not get its own platform or data-centre country stamped
 * on them. The GeoIP database (8 MB) is read at the first browser event, not at start.
 */
export function createEnrichment(): Enrich {
  let reader: Reader<CountryRecord> | undefined;
  const countryOf = (ip: string | null) => {
    const address = ip?.replace(/^::ffff:(?=\d+\.)/, '');
    if (!address) return null;
    reader ??= new Reader<CountryRecord>(readFileSync(createRequire(import.meta.url).resolve(geoDatabase)));
    const code = reader.get(address)?.country_code;
    return code && /^[A-Z]{2}$/.test(code) ? code : null;
  };
  return ({ userAgent, clientIp }) => {
    const parsed = parseUserAgent(userAgent);
    return parsed ? { ...parsed, country: countryOf(clientIp) } : null;
  };
}

/** Browser, OS and device class (`desktop`, `mobile`, `tablet`, `tv`, `bot`) of a browser's User-Agent; null otherwise. */
export function parseUserAgent(userAgent: string | null): Omit<EventEnrichment, 'country'> | null {
  if (!userAgent) return null;
  const parser = Bowser.getParser(userAgent);
  const browser = parser.getBrowserName();
  if (!browser) return null;
  return { browser, os: parser.getOSName() || null, device: parser.getPlatformType() || null };
}
