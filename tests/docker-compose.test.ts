import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadGatewayConfig } from '@codex/gateway';
import { databaseName, loadSubgraphConfig, settingPrefix, subgraphNames, type SubgraphName } from '@codex/kit';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/** No Docker engine runs here, so the production topology is checked statically against the repo. */
const root = fileURLToPath(new URL('../', import.meta.url));
const compose = parse(readFileSync(`${root}docker-compose.yml`, 'utf8'), { merge: true }) as {
  services: Record<string, ComposeService>;
};

interface ComposeService {
  build?: { context: string; dockerfile: string; args?: Record<string, string> };
  image?: string;
  environment?: Record<string, string>;
  expose?: string[];
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
}

/** Resolves ${VAR}, ${VAR:?message} and ${VAR:-default} the way compose would, with a placeholder secret. */
const placeholder = 'placeholder-secret-0123456789abcdef0123456789';
const interpolate = (env: Record<string, string> = {}) =>
  Object.fromEntries(
    Object.entries(env).map(([key, value]) => [key, String(value).replace(/\$\{[A-Z_]+(:[?-][^}]*)?\}/g, placeholder)]),
  );

const entryOf = (service: string) =>
  service === 'gateway' ? 'gateway/src/main.ts' : `subgraphs/${service}/src/main.ts`;

describe('docker-compose.yml', () => {
  it('runs PostgreSQL, the five subgraphs and the gateway', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['postgres', 'gateway', ...subgraphNames].sort());
  });

  it.each(['gateway', ...subgraphNames])('builds %s from the repo with an entry that exists', (name) => {
    const service = compose.services[name]!;
    expect(existsSync(`${root}${service.build!.context}/${service.build!.dockerfile}`)).toBe(true);
    expect(service.build!.args?.SERVICE).toBe(name);
    expect(existsSync(`${root}${entryOf(name)}`)).toBe(true);
    expect(readFileSync(`${root}docker/start-service.ts`, 'utf8')).toContain(entryOf(name));
  });

  it.each(subgraphNames)(
    'gives the %s subgraph every setting its config requires, a database that gets created, and no public port',
    (name: SubgraphName) => {
      const service = compose.services[name]!;
      const config = loadSubgraphConfig(name, { NODE_ENV: 'production', ...interpolate(service.environment) });
      expect(new URL(config.databaseUrl).pathname).toBe(`/${databaseName(name)}`);
      expect(new URL(config.databaseUrl).hostname).toBe('postgres');
      expect(readFileSync(`${root}docker/postgres/create-databases.sql`, 'utf8')).toContain(
        `CREATE DATABASE ${databaseName(name)};`,
      );
      expect(service.expose).toEqual([String(config.port)]);
      expect(service.ports).toBeUndefined();
      expect(service.depends_on?.postgres?.condition).toBe('service_healthy');
      expect(service.healthcheck?.test.join(' ')).toContain(String(config.port));
    },
  );

  it.each(subgraphNames)(
    'connects the %s subgraph as an app role that owns its database and is subject to row-level security',
    (name: SubgraphName) => {
      const service = compose.services[name]!;
      const config = loadSubgraphConfig(name, { NODE_ENV: 'production', ...interpolate(service.environment) });
      const user = new URL(config.databaseUrl).username;
      const initSql = readFileSync(`${root}docker/postgres/create-databases.sql`, 'utf8');
      expect(user).not.toBe(compose.services.postgres!.environment?.POSTGRES_USER);
      expect(initSql).toMatch(new RegExp(`^CREATE ROLE ${user} LOGIN NOSUPERUSER NOBYPASSRLS `, 'm'));
      expect(initSql).toContain(`ALTER DATABASE ${databaseName(name)} OWNER TO ${user};`);
    },
  );

  it('points the billing subgraph at the CRM service, on the port CRM listens on, for its customer checks', () => {
    const billing = loadSubgraphConfig('billing', {
      NODE_ENV: 'production',
      ...interpolate(compose.services.billing!.environment),
    });
    const crm = new URL(billing.crmSubgraphUrl!);
    expect(crm.hostname).toBe('crm');
    expect(crm.port).toBe(compose.services.crm!.environment?.CRM_PORT);
    expect(crm.pathname).toBe('/graphql');
  });

  it('points the gateway at each subgraph service on the port that subgraph listens on, after they are healthy', () => {
    const gateway = compose.services.gateway!;
    const config = loadGatewayConfig({ NODE_ENV: 'production', ...interpolate(gateway.environment) });
    for (const name of subgraphNames) {
      const url = new URL(config.subgraphUrls[name]);
      const subgraph = compose.services[name]!;
      expect(url.hostname).toBe(name);
      expect(url.port).toBe(subgraph.environment?.[`${settingPrefix(name)}_PORT`]);
      expect(gateway.depends_on?.[name]?.condition).toBe('service_healthy');
    }
    expect(gateway.ports).toEqual([`${config.port}:${config.port}`]);
  });
});
