import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Registry } from 'prom-client';
import { describe, expect, it, vi } from 'vitest';
import { registerMemoryGauges } from './metrics-memory.ts';

/** A full collection on demand, for this test only (services never force one). */
function fullCollection() {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

const metricValue = async (registry: Registry, name: string) =>
  (await registry.getSingleMetric(name)?.get())?.values[0]?.value ?? Number.NaN;

describe('memory gauges', () => {
  it('record the heap in use after each full collection, and count the collections', async () => {
    const registry = new Registry();
    registerMemoryGauges(registry);
    const before = await metricValue(registry, 'codex_nodejs_major_gcs_total');
    fullCollection();
    await vi.waitFor(async () =>
      expect(await metricValue(registry, 'codex_nodejs_major_gcs_total')).toBeGreaterThan(before),
    );
    const afterGc = await metricValue(registry, 'codex_nodejs_heap_after_major_gc_bytes');
    expect(afterGc).toBeGreaterThan(0);
    expect(afterGc).toBeLessThan(process.memoryUsage().heapTotal);
  });

  it('report the memory of ArrayBuffers and Buffers', async () => {
    const registry = new Registry();
    registerMemoryGauges(registry);
    const held = Buffer.alloc(8 * 2 ** 20, 1);
    expect(await metricValue(registry, 'codex_nodejs_array_buffers_bytes')).toBeGreaterThanOrEqual(held.length);
  });
});
