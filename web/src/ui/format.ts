const numberFormat = new Intl.NumberFormat('en');
const dateFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium' });
const dateTimeFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });
const dayFormat = new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric', timeZone: 'UTC' });

export const formatCount = (value: number) => numberFormat.format(value);
export const formatDate = (value: string) => dateFormat.format(new Date(value));
export const formatDateTime = (value: string | null | undefined, fallback = 'never') =>
  value ? dateTimeFormat.format(new Date(value)) : fallback;
/** A UTC day of a daily series, e.g. "Dec 6". */
export const formatDay = (value: string) => dayFormat.format(new Date(value));

/** Money as the API sends it (a decimal string and a currency code), e.g. "€1,234.50". */
export function formatMoney({ amount, currency }: { amount: string; currency: string }) {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).format(Number(amount));
  } catch {
    return `${amount} ${currency}`;
  }
}

/** Several currencies in one cell: "€10.00 · $5.00", or a dash for none. */
export const formatMoneyList = (values: readonly { amount: string; currency: string }[]) =>
  values.length ? values.map(formatMoney).join(' · ') : '—';

/** ACTIVE → Active, PAST_DUE → Past due. */
export const enumLabel = (value: string) => {
  const words = value.toLowerCase().replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};
