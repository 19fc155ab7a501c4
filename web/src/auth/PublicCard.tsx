import type { FormEvent, ReactNode } from 'react';

export const publicInputClass = 'mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm';

/** The frame of the pages a mailed link opens, signed in or not: a title, a message, a form. */
export function PublicCard(props: {
  title: string;
  error?: string | undefined;
  notice?: ReactNode;
  onSubmit?: (event: FormEvent<HTMLFormElement>) => void;
  children?: ReactNode;
}) {
  return (
    <section className="flex min-h-screen items-center justify-center bg-slate-100 p-6">
      <form
        className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm"
        aria-label={props.title}
        onSubmit={(event) => {
          event.preventDefault();
          props.onSubmit?.(event);
        }}
      >
        <p className="mb-1 text-sm font-medium text-indigo-700">Codex Metatron console</p>
        <h1 className="mb-4 text-2xl font-semibold text-slate-900">{props.title}</h1>
        {props.notice && (
          <p role="status" className="mb-3 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
            {props.notice}
          </p>
        )}
        {props.error && (
          <p role="alert" className="mb-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
            {props.error}
          </p>
        )}
        {props.children}
      </form>
    </section>
  );
}

/** The link's query parameter (`token`, `tenant`). */
export const linkParameter = (name: string) => new URLSearchParams(window.location.search).get(name) ?? '';

/** The message of a refused token or password, from the GraphQL error. */
export const failureMessage = (error: unknown) =>
  error instanceof Error ? error.message : 'The server could not be reached. Try again.';

/** Leaves the link's page for the console's home (the token leaves the address bar too). */
export const goHome = () => window.location.assign('/');

export function SubmitButton({ busy, label }: { busy: boolean; label: string }) {
  return (
    <button
      type="submit"
      className="mt-5 w-full rounded-md bg-indigo-700 px-3 py-2 text-sm font-medium text-white hover:bg-indigo-800 disabled:bg-indigo-300"
      disabled={busy}
    >
      {label}
    </button>
  );
}

export function PasswordField({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  return (
    <label className="block text-sm font-medium text-slate-800">
      New password (at least 8 characters)
      <input
        className={publicInputClass}
        type="password"
        autoComplete="new-password"
        minLength={8}
        required
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
    </label>
  );
}
