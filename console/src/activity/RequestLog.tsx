import '../common/console-b.css';
import type { FormEvent } from 'react';
import { useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { useQuery } from 'urql';
import { ErrorMessage } from '../api/ErrorMessage';
import { formatTime } from '../connections/format';
import type { ConnectionRequestFilter, ConnectionRequestsQuery as Requests } from '../gql/graphql';
import { Pager, useCursorPages } from '../common/paging';
import { ConnectionRequestsQuery } from './documents';
import { RequestDrawer } from './RequestDrawer';

export type LoggedRequest = Requests['connectionRequests']['nodes'][number];

const PAGE_SIZE = 25;
const COMPACT_PAGE_SIZE = 10;
/** How often a compact log (on the set-up pages) looks for new requests while it shows page 1. */
const POLL_MS = 2_500;
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * A connection's SCIM requests, newest first, with filters (status, method, resource, time) and a
 * detail dialog. `links` (admins only): the dialog links to the user/group pages and the audit log.
 * `compact` (the set-up pages): no filters, a shorter page kept fresh by polling while page 1 is
 * shown, and a link to the full log on the activity page.
 */
export function RequestLog({
  connectionId,
  links,
  compact = false,
}: {
  connectionId: string;
  links: boolean;
  compact?: boolean;
}) {
  const ids = useId();
  const pages = useCursorPages();
  const [filter, setFilter] = useState<ConnectionRequestFilter>({});
  const [draft, setDraft] = useState({ status: '', method: '', resourceId: '', since: '', until: '' });
  // Each opening mounts its own dialog (keyed), and a dialog's close only clears its own opening: a
  // closed dialog's `close` event arrives a task after Escape, so a Details click in between (a fast
  // keyboard) must not be undone by it.
  const [open, setOpen] = useState<{ readonly request: LoggedRequest; readonly opening: number } | null>(
    null,
  );
  const openings = useRef(0);
  const [{ data, error, fetching }, refresh] = useQuery({
    query: ConnectionRequestsQuery,
    variables: { connectionId, filter, first: compact ? COMPACT_PAGE_SIZE : PAGE_SIZE, after: pages.after },
    requestPolicy: compact ? 'cache-and-network' : undefined,
  });
  const firstPage = pages.page === 1;
  useEffect(() => {
    if (!compact || !firstPage) return;
    const timer = setInterval(() => {
      if (!document.hidden) refresh({ requestPolicy: 'network-only' });
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [compact, firstPage, refresh]);
  const [problem, setProblem] = useState<string | null>(null);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const next: ConnectionRequestFilter = {};
    if (draft.status.trim()) {
      const status = Number(draft.status.trim());
      if (!Number.isInteger(status) || status < 100 || status > 599) {
        setProblem('Status must be an HTTP status code such as 200 or 404.');
        return;
      }
      next.status = status;
    }
    if (draft.method) next.method = draft.method;
    if (draft.resourceId.trim()) next.resourceId = draft.resourceId.trim();
    if (draft.since) next.since = new Date(draft.since).toISOString();
    if (draft.until) next.until = new Date(draft.until).toISOString();
    setProblem(null);
    pages.reset();
    setFilter(next);
  };
  const field = (name: keyof typeof draft) => ({
    id: `${ids}-${name}`,
    value: draft[name],
    onChange: (event: { target: { value: string } }) => setDraft({ ...draft, [name]: event.target.value }),
  });
  const page = data?.connectionRequests;

  return (
    <section aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`}>Request log</h2>
      {compact && (
        <p className="hint">
          The identity provider's latest requests, refreshed every few seconds.{' '}
          <Link to={`/connections/${connectionId}/activity`}>Full request log and health</Link>
        </p>
      )}
      {!compact && (
        <form className="filters" onSubmit={apply} aria-label="Request log filters">
          <div>
            <label htmlFor={`${ids}-status`}>Status</label>
            <input inputMode="numeric" placeholder="e.g. 201" {...field('status')} />
          </div>
          <div>
            <label htmlFor={`${ids}-method`}>Method</label>
            <select {...field('method')}>
              <option value="">Any</option>
              {METHODS.map((method) => (
                <option key={method}>{method}</option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor={`${ids}-resourceId`}>Resource id</label>
            <input spellCheck={false} {...field('resourceId')} />
          </div>
          <div>
            <label htmlFor={`${ids}-since`}>Since</label>
            <input type="datetime-local" {...field('since')} />
          </div>
          <div>
            <label htmlFor={`${ids}-until`}>Until</label>
            <input type="datetime-local" {...field('until')} />
          </div>
          <div>
            <button type="submit">Apply filters</button>
          </div>
          <div>
            <button
              type="button"
              className="secondary"
              disabled={fetching}
              onClick={() => refresh({ requestPolicy: 'network-only' })}
            >
              Refresh log
            </button>
          </div>
        </form>
      )}
      {problem && (
        <p role="alert" className="error">
          {problem} <code>(BAD_USER_INPUT)</code>
        </p>
      )}
      {error && <ErrorMessage error={error} context="Loading the request log failed" />}
      {page && page.nodes.length === 0 && (
        <p>
          {compact
            ? 'No requests yet: they appear here as the identity provider sends them.'
            : 'No requests match.'}
        </p>
      )}
      {page && page.nodes.length > 0 && (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">Request log</caption>
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Request</th>
                <th scope="col">Status</th>
                <th scope="col">Duration</th>
                <th scope="col">Quirks</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {page.nodes.map((request) => (
                <tr key={request.id}>
                  <td>{formatTime(request.at)}</td>
                  <td className="wrap">
                    <code>
                      {request.method} {request.path}
                    </code>
                    {request.dryRun && <span className="badge">Dry run</span>}
                  </td>
                  <td>{request.status}</td>
                  <td>{request.durationMs} ms</td>
                  <td>{request.quirks.length ? request.quirks.join(', ') : '—'}</td>
                  <td>
                    <button
                      type="button"
                      className="secondary"
                      aria-label={`Details of ${request.method} ${request.path} at ${formatTime(request.at)}`}
                      onClick={() => setOpen({ request, opening: ++openings.current })}
                    >
                      Details
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager label="Request log" pages={pages} pageInfo={page?.pageInfo} />
      {open && (
        <RequestDrawer
          key={open.opening}
          request={open.request}
          links={links}
          onClose={() => setOpen((current) => (current?.opening === open.opening ? null : current))}
        />
      )}
    </section>
  );
}
