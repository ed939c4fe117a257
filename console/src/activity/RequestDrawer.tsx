import { useEffect, useId, useRef } from 'react';
import { Link } from 'react-router-dom';
import { formatTime } from '../connections/format';
import type { LoggedRequest } from './RequestLog';

/** Bodies are stored as text (already redacted, perhaps truncated): JSON is shown indented. */
function pretty(body: string | null | undefined): string {
  if (!body) return '(none)';
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

type WouldBeChange = NonNullable<LoggedRequest['changes']>[number];

/** One attribute's value as a short line: strings bare, anything else as compact JSON. */
function shown(value: unknown): string {
  if (value === undefined) return '(not set)';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** A dry run's would-be change: what, to which resource, and each attribute's before → after. */
function ChangeItem({ change }: { change: WouldBeChange }) {
  const before = change.before ?? null;
  const after = change.after ?? null;
  const names = change.changedAttributes.length
    ? change.changedAttributes
    : Object.keys({ ...before, ...after });
  return (
    <li>
      <strong>{change.action}</strong>: {change.resourceType} <code>{change.resourceId}</code>
      {names.length > 0 && (
        <ul>
          {names.map((name) => (
            <li key={name}>
              <code>{name}</code>:{' '}
              {before === null && after === null ? (
                'changed (value not kept)'
              ) : (
                <>
                  {before !== null && <code>{shown(before[name])}</code>}
                  {before !== null && after !== null && ' → '}
                  {after !== null && <code>{shown(after[name])}</code>}
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

/** The would-be changes of a dry-run request; nothing for a request that committed. */
function WouldBeChanges({ request }: { request: LoggedRequest }) {
  if (!request.changes) return null;
  const omitted = request.changesOmitted;
  return (
    <section aria-label="Would-be changes">
      <h3>Would-be changes (dry run, not committed)</h3>
      {request.changes.length === 0 && omitted === 0 ? (
        <p>None: this request would not have changed anything.</p>
      ) : (
        <ol className="changes">
          {request.changes.map((change, index) => (
            <ChangeItem key={`${index}-${change.resourceId}-${change.action}`} change={change} />
          ))}
        </ol>
      )}
      {omitted > 0 && (
        <p className="hint">
          …and {omitted} further change{omitted === 1 ? '' : 's'} not kept in the log.
        </p>
      )}
    </section>
  );
}

/** A request's path names its resource type: /Groups/… is a group, anything else a user. */
function resourcePage(path: string, id: string): string {
  return /\/Groups(\/|\?|$)/i.test(path) ? `/groups/${id}` : `/users/${id}`;
}

/** One logged request in a modal dialog (Escape closes it; focus returns to the table). */
export function RequestDrawer({
  request,
  links,
  onClose,
}: {
  request: LoggedRequest;
  links: boolean;
  onClose(): void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  // Opened once (a second run under StrictMode finds it open); unmounting removes it, modality and all.
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return (
    <dialog ref={ref} className="drawer" aria-labelledby={titleId} onClose={onClose}>
      <h2 id={titleId}>
        {request.method} {request.status}
      </h2>
      <dl className="facts-grid">
        <div>
          <dt>Path</dt>
          <dd>
            <code>{request.path}</code>
          </dd>
        </div>
        <div>
          <dt>Time</dt>
          <dd>{formatTime(request.at)}</dd>
        </div>
        <div>
          <dt>Duration</dt>
          <dd>{request.durationMs} ms</dd>
        </div>
        <div>
          <dt>Dry run</dt>
          <dd>{request.dryRun ? 'Yes: nothing was committed' : 'No'}</dd>
        </div>
        <div>
          <dt>Quirks applied</dt>
          <dd>{request.quirks.length ? request.quirks.join(', ') : 'none'}</dd>
        </div>
        <div>
          <dt>Request id</dt>
          <dd>
            <code>{request.requestId}</code>
          </dd>
        </div>
      </dl>
      <WouldBeChanges request={request} />
      <h3>Resources</h3>
      {request.resourceIds.length === 0 ? (
        <p>None.</p>
      ) : (
        <ul>
          {request.resourceIds.map((id) => (
            <li key={id}>
              {links ? (
                <>
                  <Link to={resourcePage(request.path, id)}>
                    {resourcePage(request.path, id).startsWith('/groups') ? 'Group' : 'User'} {id}
                  </Link>{' '}
                  · <Link to={`/audit-log?targetId=${encodeURIComponent(id)}`}>Audit events for {id}</Link>
                </>
              ) : (
                <code>{id}</code>
              )}
            </li>
          ))}
        </ul>
      )}
      <h3>Audit events</h3>
      {request.auditEventIds.length === 0 ? (
        <p>None.</p>
      ) : (
        <ul>
          {request.auditEventIds.map((id) => (
            <li key={id}>
              <code>{id}</code>
            </li>
          ))}
        </ul>
      )}
      <h3>Request body (redacted)</h3>
      <pre className="body" aria-label="Request body" tabIndex={0}>
        {pretty(request.requestBody)}
      </pre>
      <h3>Response body (redacted)</h3>
      <pre className="body" aria-label="Response body" tabIndex={0}>
        {pretty(request.responseBody)}
      </pre>
      <form method="dialog">
        <button type="submit">Close</button>
      </form>
    </dialog>
  );
}
