import { useState } from 'react';

/** Copies `value` to the clipboard; says so (to screen readers too) or says that it could not. */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setState('copied');
    } catch {
      setState('failed');
    }
  };
  return (
    <>
      <button type="button" onClick={() => void copy()}>
        {label}
      </button>
      <span role="status" className="muted">
        {state === 'copied'
          ? 'Copied.'
          : state === 'failed'
            ? 'Copy failed: select the text and copy it.'
            : ''}
      </span>
    </>
  );
}

/** A secret or URL shown once, read-only, with its copy button. */
export function SecretField({
  id,
  label,
  value,
  copyLabel,
}: {
  id: string;
  label: string;
  value: string;
  copyLabel: string;
}) {
  return (
    <div className="copy-field">
      <label htmlFor={id}>{label}</label>
      <input id={id} readOnly value={value} spellCheck={false} onFocus={(event) => event.target.select()} />
      <CopyButton value={value} label={copyLabel} />
    </div>
  );
}
