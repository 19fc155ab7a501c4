import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { createLogger, type RunningServer } from '@codex/kit';
import type { ServiceProcess } from '@codex/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTenantWithUsers, superadminToken, type TenantActors } from './support/actors.ts';
import { connectDatabases } from './support/databases.ts';
import { eventually } from './support/expectations.ts';
import { graphql } from './support/graphql.ts';
import { startOwnGateway } from './support/own-gateway.ts';
import { freePort, graphqlUrlOf, startSubgraph } from './support/service-control.ts';

/** Log lines written to memory, parsed. */
function capturedLines() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean))
        lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { lines, destination };
}

describe('structured logs', () => {
  it('mask credentials and personal data wherever they appear in a logged object', () => {
    const { lines, destination } = capturedLines();
    const logger = createLogger({ service: 'test', level: 'info', destination });
    logger.info(
      {
        password: 'hunter22',
        user: { email: 'ada@example.test', phone: '+1 555' },
        headers: { authorization: 'Bearer abc', 'x-api-key': 'cdx_k' },
        refreshToken: 'r',
      },
      'probe',
    );
    const text = JSON.stringify(lines[0]);
    for (const secret of ['hunter22', 'ada@example.test', '+1 555', 'Bearer abc', 'cdx_k', '"r"'])
      expect(text).not.toContain(secret);
    expect(lines[0]).toMatchObject({
      service: 'test',
      msg: 'probe',
      password: '[masked]',
      user: { email: '[masked]' },
    });
  });

  describe('a request id from the caller to the gateway, the subgraph and the audit trail', () => {
    const db = connectDatabases();
    const gatewayLog = capturedLines();
    let crm: ServiceProcess;
    let gateway: RunningServer;
    let actors: TenantActors;

    beforeAll(async () => {
      const port = await freePort();
      [crm, actors] = await Promise.all([
        startSubgraph('crm', port, { LOG_LEVEL: 'info' }),
        superadminToken().then((token) => createTenantWithUsers(token, 'logs')),
      ]);
      gateway = await startOwnGateway(
        {},
        { crm: graphqlUrlOf(port) },
        createLogger({ service: 'gateway', level: 'info', destination: gatewayLog.destination }),
      );
    }, 90_000);
    afterAll(async () => {
      await gateway?.stop();
      await crm?.stop();
      await db.disconnect();
    });

    it('keeps the caller’s x-request-id on every log line and audit row of the request', async () => {
      const requestId = `logs-test-${randomUUID()}`;
      const email = `logged-${randomUUID()}@example.test`;
      const response = await graphql(
        /* GraphQL */ `mutation LoggedWrite($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }`,
        { input: { email, firstName: 'Logged', lastName: 'Write', company: 'Traceable' } },
        { url: gateway.url, headers: { ...bearer(actors.admin.token), 'x-request-id': requestId } },
      );
      expect(response.body.errors).toBeUndefined();
      expect(response.headers.get('x-request-id')).toBe(requestId);

      expect(
        gatewayLog.lines.find((line) => line.requestId === requestId && line.msg === 'graphql request'),
      ).toMatchObject({ operationName: 'LoggedWrite' });
      await eventually(async () => {
        const crmLines = crm
          .recentOutput()
          .split('\n')
          .filter((line) => line.includes(requestId));
        expect(crmLines.length).toBeGreaterThan(0);
        expect(JSON.parse(crmLines[0]!)).toMatchObject({ service: 'crm', requestId, msg: 'graphql request' });
      });
      const audit = await db.crm.auditLog.findMany({ where: { requestId } });
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({
        tenantId: actors.tenant.id,
        actorId: actors.admin.id,
        entityId: response.body.data?.createCustomer.id,
      });
      expect([...gatewayLog.lines.map((line) => JSON.stringify(line)), crm.recentOutput()].join('\n')).not.toContain(
        email,
      );
    });
  });
});
