import { useId, useRef, useState } from 'react';

/**
 * A read-only value with a copy button. Copies with the Clipboard API; where that is refused
 * (no permission, plain http), the text is selected so Ctrl/Cmd+C copies it.
 */
export function CopyField({ label, value, copyLabel }: { label: string; value: string; copyLabel: string }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [note, setNote] = useState('');

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setNote('Copied.');
    } catch {
      input.current?.focus();
      input.current?.select();
      setNote('Selected: press Ctrl+C (⌘C) to copy.');
    }
  };

  return (
    <div className="copy-block">
      <label htmlFor={id}>{label}</label>
      <div className="copy-field">
        <input
          id={id}
          ref={input}
          readOnly
          value={value}
          spellCheck={false}
          onFocus={(event) => event.target.select()}
        />
        <button type="button" className="secondary" onClick={() => void copy()}>
          {copyLabel}
        </button>
        <span role="status" className="muted">
          {note}
        </span>
      </div>
    </div>
  );
}
