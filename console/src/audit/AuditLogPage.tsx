import '../common/console-b.css';
import type { FormEvent } from 'react';
import { useId, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useQuery } from 'urql';
import { ErrorMessage } from '../api/ErrorMessage';
import { Pager, useCursorPages } from '../common/paging';
import { formatTime } from '../connections/format';
import type { AuditEventFilter } from '../gql/graphql';
import { usePageTitle } from '../layout/use-page-title';
import { AuditEventsQuery } from './documents';

const PAGE_SIZE = 50;
const TEXT_FIELDS = [
  { name: 'action', label: 'Action', placeholder: 'user.create' },
  { name: 'targetType', label: 'Target type', placeholder: 'User' },
  { name: 'targetId', label: 'Target id', placeholder: '' },
  { name: 'actor', label: 'Actor', placeholder: 'token:…' },
] as const;
const FIELDS = ['action', 'targetType', 'targetId', 'actor', 'channel', 'since', 'until'] as const;
type Field = (typeof FIELDS)[number];

/** Local datetime-input text ↔ ISO instant. */
const toLocalInput = (iso: string) => {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

/** The organization's audit trail, newest first, filtered by what auditEvents offers (kept in the URL). */
export function AuditLogPage() {
  usePageTitle('Audit log');
  const ids = useId();
  const [params, setParams] = useSearchParams();
  const pages = useCursorPages();
  const filter = useMemo(() => {
    const result: AuditEventFilter = {};
    for (const field of FIELDS) {
      const value = params.get(field);
      if (value) result[field] = value;
    }
    return result;
  }, [params]);
  const [draft, setDraft] = useState<Record<Field, string>>(() => {
    const initial = {} as Record<Field, string>;
    for (const field of FIELDS) {
      const value = params.get(field) ?? '';
      initial[field] = (field === 'since' || field === 'until') && value ? toLocalInput(value) : value;
    }
    return initial;
  });
  const [{ data, error }] = useQuery({
    query: AuditEventsQuery,
    variables: { filter, first: PAGE_SIZE, after: pages.after },
  });
  const apply = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const field of FIELDS) {
      const value = draft[field].trim();
      if (!value) continue;
      next.set(field, field === 'since' || field === 'until' ? new Date(value).toISOString() : value);
    }
    pages.reset();
    setParams(next);
  };
  const page = data?.auditEvents;

  return (
    <section>
      <h1>Audit log</h1>
      <form className="filters" onSubmit={apply} aria-label="Audit log filters">
        {TEXT_FIELDS.map((field) => (
          <div key={field.name}>
            <label htmlFor={`${ids}-${field.name}`}>{field.label}</label>
            <input
              id={`${ids}-${field.name}`}
              spellCheck={false}
              placeholder={field.placeholder}
              value={draft[field.name]}
              onChange={(event) => setDraft({ ...draft, [field.name]: event.target.value })}
            />
          </div>
        ))}
        <div>
          <label htmlFor={`${ids}-channel`}>Channel</label>
          <select
            id={`${ids}-channel`}
            value={draft.channel}
            onChange={(event) => setDraft({ ...draft, channel: event.target.value })}
          >
            <option value="">Any</option>
            <option value="graphql">GraphQL</option>
            <option value="scim">SCIM</option>
            <option value="cli">CLI</option>
          </select>
        </div>
        {(['since', 'until'] as const).map((field) => (
          <div key={field}>
            <label htmlFor={`${ids}-${field}`}>{field === 'since' ? 'Since' : 'Until'}</label>
            <input
              id={`${ids}-${field}`}
              type="datetime-local"
              value={draft[field]}
              onChange={(event) => setDraft({ ...draft, [field]: event.target.value })}
            />
          </div>
        ))}
        <div>
          <button type="submit">Apply filters</button>
        </div>
      </form>
      {error && <ErrorMessage error={error} context="Loading the audit log failed" />}
      {page && page.nodes.length === 0 && <p>No audit events match.</p>}
      {page && page.nodes.length > 0 && (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">Audit events, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Action</th>
                <th scope="col">Target</th>
                <th scope="col">Actor</th>
                <th scope="col">Channel</th>
                <th scope="col">Changes</th>
              </tr>
            </thead>
            <tbody>
              {page.nodes.map((event) => (
                <tr key={event.id}>
                  <td>{formatTime(event.occurredAt)}</td>
                  <td>
                    <code>{event.action}</code>
                  </td>
                  <td className="wrap">
                    {event.targetType} <code>{event.targetId}</code>
                  </td>
                  <td className="wrap">
                    <code>{event.actor}</code>
                  </td>
                  <td>{event.channel}</td>
                  <td className="wrap">
                    <code>{JSON.stringify(event.changes)}</code>
                    {event.notes.length > 0 && <div className="muted">{event.notes.join('; ')}</div>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager label="Audit log" pages={pages} pageInfo={page?.pageInfo} />
    </section>
  );
}
