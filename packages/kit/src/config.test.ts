import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, booleanSetting, loadConfig, portSetting, runtimeSettings } from './config.ts';
import { loadSubgraphConfig } from './subgraph-config.ts';

const secret = 's'.repeat(32);
const crmEnv = {
  CRM_DATABASE_URL: 'postgres://app@localhost/codex_crm',
  GATEWAY_SECRET: secret,
  AUTH_SUBGRAPH_URL: 'http://localhost:4001/graphql',
};

describe('loadConfig', () => {
  it('applies defaults and coerces values', () => {
    const schema = z.object({ ...runtimeSettings, PORT: portSetting(4000), FLAG: booleanSetting(false) });
    expect(loadConfig(schema, { PORT: '4100', FLAG: '1' })).toMatchObject({
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      PORT: 4100,
      FLAG: true,
      EXPOSE_ERROR_STACKS: false,
    });
  });

  it.each([
    [{ PORT: '70000' }, /^Invalid setting PORT: /],
    [{ PORT: 'http' }, /^Invalid setting PORT: /],
    [{ FLAG: 'yes' }, /^Invalid setting FLAG: /],
    [{ EXPOSE_ERROR_STACKS: 'maybe' }, /^Invalid setting EXPOSE_ERROR_STACKS: /],
    [{ NODE_ENV: 'staging' }, /^Invalid setting NODE_ENV: /],
  ])('refuses %j with one line naming the setting', (env, message) => {
    const schema = z.object({ ...runtimeSettings, PORT: portSetting(4000), FLAG: booleanSetting(false) });
    expect(() => loadConfig(schema, env)).toThrow(ConfigError);
    expect(() => loadConfig(schema, env)).toThrow(message);
  });
});

describe('loadSubgraphConfig', () => {
  it('reads the service’s own prefix and defaults', () => {
    const config = loadSubgraphConfig('crm', crmEnv);
    expect(config).toMatchObject({
      port: 4002,
      portSetting: 'CRM_PORT',
      databaseUrl: crmEnv.CRM_DATABASE_URL,
      migrateOnStart: true,
      seedDemo: false,
      exposeErrorStacks: false,
      keyEncryptionSecret: null,
      crmSubgraphUrl: null,
      authSubgraphUrl: 'http://localhost:4001/graphql',
    });
  });

  it('exposes stack traces only when EXPOSE_ERROR_STACKS=true', () => {
    expect(loadSubgraphConfig('crm', { ...crmEnv, NODE_ENV: 'development' }).exposeErrorStacks).toBe(false);
    expect(loadSubgraphConfig('crm', { ...crmEnv, EXPOSE_ERROR_STACKS: 'true' }).exposeErrorStacks).toBe(true);
  });

  it.each([
    [{ GATEWAY_SECRET: 'short' }, 'GATEWAY_SECRET'],
    [{ CRM_DATABASE_URL: 'mysql://x' }, 'CRM_DATABASE_URL'],
    [{ CRM_PORT: '-1' }, 'CRM_PORT'],
  ])('refuses %j naming the setting', (override, name) => {
    expect(() => loadSubgraphConfig('crm', { ...crmEnv, ...override })).toThrow(`Invalid setting ${name}`);
  });

  it('requires a second factor of SUPERADMINs in production unless AUTH_MFA_REQUIRED_FOR_SUPERADMINS says otherwise', () => {
    const authEnv = {
      AUTH_DATABASE_URL: 'postgres://a/b',
      GATEWAY_SECRET: secret,
      AUTH_KEY_ENCRYPTION_SECRET: secret,
      SMTP_URL: 'smtp://mail.example.test:587',
      MAIL_FROM: 'no-reply@example.test',
    };
    const required = (env: Record<string, string>) =>
      loadSubgraphConfig('auth', { ...authEnv, ...env }).mfaRequiredForSuperadmins;
    expect(required({ NODE_ENV: 'production' })).toBe(true);
    expect(required({ NODE_ENV: 'development' })).toBe(false);
    expect(required({ NODE_ENV: 'production', AUTH_MFA_REQUIRED_FOR_SUPERADMINS: 'false' })).toBe(false);
    expect(required({ NODE_ENV: 'test', AUTH_MFA_REQUIRED_FOR_SUPERADMINS: 'true' })).toBe(true);
    expect(() => required({ AUTH_MFA_REQUIRED_FOR_SUPERADMINS: 'yes' })).toThrow(
      'Invalid setting AUTH_MFA_REQUIRED_FOR_SUPERADMINS',
    );
  });

  it('asks auth for its key-encryption secret, billing for the CRM URL and CRM for the Auth URL', () => {
    const authEnv = { AUTH_DATABASE_URL: 'postgres://a/b', GATEWAY_SECRET: secret };
    expect(() => loadSubgraphConfig('auth', authEnv)).toThrow('Invalid setting AUTH_KEY_ENCRYPTION_SECRET');
    expect(loadSubgraphConfig('auth', { ...authEnv, AUTH_KEY_ENCRYPTION_SECRET: secret }).keyEncryptionSecret).toBe(
      secret,
    );
    const billingEnv = { BILLING_DATABASE_URL: 'postgres://a/b', GATEWAY_SECRET: secret };
    expect(() => loadSubgraphConfig('billing', { ...billingEnv, CRM_SUBGRAPH_URL: 'nope' })).toThrow(
      'Invalid setting CRM_SUBGRAPH_URL',
    );
    const { AUTH_SUBGRAPH_URL: _authUrl, ...crmWithoutAuth } = crmEnv;
    expect(() => loadSubgraphConfig('crm', crmWithoutAuth)).toThrow('Invalid setting AUTH_SUBGRAPH_URL');
  });

  it('stops a production Auth without SMTP_URL or MAIL_FROM, with one line naming the setting', () => {
    const authEnv = {
      AUTH_DATABASE_URL: 'postgres://a/b',
      GATEWAY_SECRET: secret,
      AUTH_KEY_ENCRYPTION_SECRET: secret,
      NODE_ENV: 'production',
    };
    expect(() => loadSubgraphConfig('auth', authEnv)).toThrow(
      'Invalid setting SMTP_URL: required when NODE_ENV=production',
    );
    const withSmtp = { ...authEnv, SMTP_URL: 'smtp://user:pw@mail.example.com:587' };
    expect(() => loadSubgraphConfig('auth', withSmtp)).toThrow('Invalid setting MAIL_FROM');
    expect(loadSubgraphConfig('auth', { ...withSmtp, MAIL_FROM: 'Codex <no-reply@example.com>' }).mail).toMatchObject({
      smtpUrl: withSmtp.SMTP_URL,
      from: 'Codex <no-reply@example.com>',
    });
    expect(loadSubgraphConfig('auth', { ...authEnv, NODE_ENV: 'development' }).mail.smtpUrl).toBeNull();
  });
});
