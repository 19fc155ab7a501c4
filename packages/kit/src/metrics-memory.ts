import { constants, PerformanceObserver } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import { Counter, Gauge, type Registry } from 'prom-client';

/**
 * Memory figures a leak check can trust, beside prom-client's defaults:
 * - the V8 heap in use right after the latest full (mark-compact) collection: live objects plus
 *   little garbage, where `nodejs_heap_size_used_bytes` swings with whatever was allocated since
 *   the last scavenge. Read when Node reports the collection (an entry delivered just after it,
 *   so a few allocations may be counted); 0 until the first one. Nothing here forces a collection;
 * - the count of full collections, so a reader knows whether the figure is fresh;
 * - ArrayBuffer memory (Node's Buffers included), the part of `nodejs_external_memory_bytes` that
 *   socket and driver buffers hold.
 */
export function registerMemoryGauges(registry: Registry) {
  let heapAfterMajorGc = 0;
  const majorCollections = new Counter({
    name: 'codex_nodejs_major_gcs_total',
    help: 'Full garbage collections since start (says whether the heap-after-GC figure is fresh)',
    registers: [registry],
  });
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const { detail } = entry as { detail?: { kind?: number } };
      if (detail?.kind !== constants.NODE_PERFORMANCE_GC_MAJOR) continue;
      heapAfterMajorGc = getHeapStatistics().used_heap_size;
      majorCollections.inc();
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  new Gauge({
    name: 'codex_nodejs_heap_after_major_gc_bytes',
    help: 'V8 heap in use just after the latest full garbage collection (0 before the first)',
    registers: [registry],
    collect() {
      this.set(heapAfterMajorGc);
    },
  });
  new Gauge({
    name: 'codex_nodejs_array_buffers_bytes',
    help: 'Memory of ArrayBuffers and Node Buffers (part of the external memory)',
    registers: [registry],
    collect() {
      this.set(process.memoryUsage().arrayBuffers);
    },
  });
}
