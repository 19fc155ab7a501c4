import { readdirSync } from 'node:fs';
import { beforeAll, describe, expect, it, vi } from 'vitest';

/** Every metric, registry and default-metrics collector the kit makes, counted as made. */
const made = vi.hoisted(() => [] as string[]);
vi.mock('prom-client', async (importOriginal) => {
  const original = await importOriginal<typeof import('prom-client')>();
  const counted = <T extends object>(name: string, Type: T): T =>
    new Proxy(Type, {
      construct(target, args, newTarget) {
        made.push(name);
        return Reflect.construct(target as new (...a: unknown[]) => object, args, newTarget);
      },
    });
  return {
    ...original,
    Registry: counted('Registry', original.Registry),
    Counter: counted('Counter', original.Counter),
    Gauge: counted('Gauge', original.Gauge),
    Histogram: counted('Histogram', original.Histogram),
    collectDefaultMetrics: (...args: Parameters<typeof original.collectDefaultMetrics>) => {
      made.push('collectDefaultMetrics');
      return original.collectDefaultMetrics(...args);
    },
  };
});

const modules = readdirSync(new URL('.', import.meta.url)).filter(
  (file) => file.endsWith('.ts') && !file.endsWith('.test.ts'),
);

/** Timers, sockets and servers this process holds, by kind. */
const handles = () =>
  process.getActiveResourcesInfo().reduce<Record<string, number>>((counts, kind) => {
    counts[kind] = (counts[kind] ?? 0) + 1;
    return counts;
  }, {});

describe('the kit at import', () => {
  // Import the kit afresh, with the mock, even where files share a module graph.
  beforeAll(() => {
    vi.resetModules();
  });

  it('importing every kit module makes no metric or registry and starts no timer, socket or server', async () => {
    const before = handles();
    for (const file of modules) await import(`./${file}`);
    await new Promise((resolve) => setImmediate(resolve));
    expect(made).toEqual([]);
    const { register } = await import('prom-client');
    expect(await register.getMetricsAsJSON()).toEqual([]);
    // Vitest's own timers may come and go; nothing may be added.
    const added = Object.entries(handles()).filter(([kind, count]) => count > (before[kind] ?? 0));
    expect(added).toEqual([]);
  });

  it('createMetrics() makes its own registry each call, never touching the global one', async () => {
    const { createMetrics } = await import('./metrics.ts');
    const { register } = await import('prom-client');
    const metrics = createMetrics();
    expect(made).toContain('collectDefaultMetrics');
    expect(await register.getMetricsAsJSON()).toEqual([]);
    const text = await metrics.registry.metrics();
    expect(text).toContain('codex_db_statement_duration_seconds');
    expect(text).toContain('process_cpu_seconds_total');
    expect(createMetrics().registry).not.toBe(metrics.registry);
  });
});
