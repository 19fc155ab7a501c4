import { Counter, Histogram, type Registry } from 'prom-client';

/** Job runs per task and outcome (`completed`, `failed`, `refused`: a payload its task no longer accepts). */
export function createJobMetrics(registry: Registry) {
  return {
    runs: new Counter({
      name: 'codex_jobs_total',
      help: 'Background job runs, by task and outcome (completed, failed, refused)',
      labelNames: ['task', 'outcome'],
      registers: [registry],
    }),
    duration: new Histogram({
      name: 'codex_job_duration_seconds',
      help: 'Background job run time, by task',
      labelNames: ['task'],
      buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300],
      registers: [registry],
    }),
  };
}
export type JobMetrics = ReturnType<typeof createJobMetrics>;
