import express from 'express';
import { afterAll, describe, expect, it } from 'vitest';
import { expressServer, listen } from './http.ts';

describe('expressServer', () => {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json());
  app.post('/echo', (req, res) => {
    res.status(201).json({
      body: req.body,
      madeWithAppPrototypes: Object.getPrototypeOf(req) === app.request && Object.getPrototypeOf(res) === app.response,
      expressHelpers: typeof req.get === 'function' && typeof res.json === 'function',
    });
  });
  const server = expressServer(app);
  const started = listen(server, { port: 0, host: '127.0.0.1', setting: 'TEST_PORT' });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('serves the app with requests and responses made on its own prototypes (Express then moves nothing)', async () => {
    const { port } = await started;
    for (let round = 0; round < 2; round += 1) {
      const response = await fetch(`http://127.0.0.1:${port}/echo`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ round }),
      });
      expect(response.status).toBe(201);
      expect(await response.json()).toEqual({ body: { round }, madeWithAppPrototypes: true, expressHelpers: true });
    }
  });

  it('answers 404 through Express for routes it does not have', async () => {
    const { port } = await started;
    const response = await fetch(`http://127.0.0.1:${port}/missing`);
    expect(response.status).toBe(404);
  });
});
