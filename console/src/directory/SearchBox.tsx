import type { FormEvent } from 'react';
import { useId, useState } from 'react';
import type { SearchQuery } from '../common/scim-filter';

/** A search box that takes a SCIM filter (`userName sw "a"`) or plain text. */
export function SearchBox({
  label,
  placeholder,
  query,
  onSearch,
}: {
  label: string;
  placeholder: string;
  query: SearchQuery;
  onSearch(text: string): void;
}) {
  const id = useId();
  const [text, setText] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(text);
  };
  return (
    <form role="search" className="filters" onSubmit={submit}>
      <div className="search-field">
        <label htmlFor={id}>{label}</label>
        <input
          id={id}
          type="search"
          spellCheck={false}
          placeholder={placeholder}
          value={text}
          onChange={(event) => setText(event.target.value)}
          aria-describedby={`${id}-mode`}
        />
      </div>
      <div>
        <button type="submit">Search</button>
      </div>
      <p id={`${id}-mode`} className="hint search-mode" aria-live="polite">
        {query.kind === 'filter' && 'Searching with a SCIM filter.'}
        {query.kind === 'text' && 'Searching as plain text.'}
        {query.kind === 'text' && query.notAFilter && ` (Not a SCIM filter: ${query.notAFilter}.)`}
        {query.kind === 'none' && 'Plain text, or a SCIM filter such as userName sw "a" and active eq true.'}
      </p>
    </form>
  );
}
