import type { Failure } from './fuzz-checks.ts';

const tally = (items: string[]) => {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]);
};

/**
 * Failures grouped for a reader: per kind, how many per field and per value kind, and the most
 * frequent messages (ids and numbers blurred so one bug reads as one line).
 */
export function groupFailures(failures: Failure[], top = 12): string {
  const lines: string[] = [];
  for (const [kind] of tally(failures.map((failure) => failure.kind))) {
    const ofKind = failures.filter((failure) => failure.kind === kind);
    lines.push(`== ${kind}: ${ofKind.length}`);
    const fields = tally(ofKind.map((failure) => failure.field));
    lines.push(`  by field (${fields.length}): ${fields.map(([field, n]) => `${field} ${n}`).join(', ')}`);
    const values = tally(ofKind.map((failure) => failure.value));
    lines.push(`  by value: ${values.map(([value, n]) => `${value} ${n}`).join(', ')}`);
    const messages = tally(
      ofKind.map((failure) => failure.detail.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/gi, '<id>').slice(0, 140)),
    );
    for (const [message, n] of messages.slice(0, top)) lines.push(`  ${n}× ${message}`);
  }
  return lines.join('\n');
}
