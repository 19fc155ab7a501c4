import { useState } from 'react';
import { Button } from '../ui/Button.tsx';

/**
 * A secret the server returns once (an API key, a client secret): shown with a copy button until
 * dismissed; afterwards only its prefix or id can be seen again.
 */
export function SecretOnce({ label, secret, onDismiss }: { label: string; secret: string; onDismiss: () => void }) {
  const [copied, setCopied] = useState(false);
  const copy = () =>
    navigator.clipboard.writeText(secret).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  return (
    <section aria-label={label} className="mb-6 max-w-2xl rounded-lg border border-amber-300 bg-amber-50 p-4">
      <h2 className="font-semibold text-amber-950">{label}</h2>
      <p className="mt-1 text-sm text-amber-950">Copy it now: it is shown this once and cannot be read again.</p>
      <output className="mt-3 block rounded-md bg-white px-3 py-2 font-mono text-sm break-all text-slate-900">
        {secret}
      </output>
      <div className="mt-3 flex gap-2">
        <Button onClick={() => void copy()}>{copied ? 'Copied' : 'Copy'}</Button>
        <Button variant="secondary" onClick={onDismiss}>
          I have stored it
        </Button>
      </div>
    </section>
  );
}
