import { enumLabel } from './format.ts';

const tones: Record<string, string> = {
  good: 'bg-emerald-100 text-emerald-900',
  warn: 'bg-amber-100 text-amber-900',
  bad: 'bg-red-100 text-red-900',
  neutral: 'bg-slate-100 text-slate-800',
};

const toneOf: Record<string, keyof typeof tones> = {
  UP: 'good',
  ACTIVE: 'good',
  PAID: 'good',
  PUBLISHED: 'good',
  WON: 'good',
  TRIAL: 'warn',
  TRIALING: 'warn',
  DEGRADED: 'warn',
  PAST_DUE: 'warn',
  DRAFT: 'warn',
  OPEN: 'neutral',
  DOWN: 'bad',
  SUSPENDED: 'bad',
  REVOKED: 'bad',
  INACTIVE: 'bad',
  LOST: 'bad',
};

/** An enum value (ACTIVE, DOWN, …) as a coloured label; the text carries the meaning, colour only helps. */
export function StatusBadge({ value }: { value: string }) {
  const tone = tones[toneOf[value] ?? 'neutral'];
  return (
    <span className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium ${tone}`}>{enumLabel(value)}</span>
  );
}
