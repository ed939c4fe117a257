import { formatTime } from '../connections/format';
import type { ConnectionHealthQuery } from '../gql/graphql';

type Health = NonNullable<ConnectionHealthQuery['connection']>;

const counts = (c: { ok: number; clientError: number; serverError: number }) =>
  `${c.ok} OK · ${c.clientError} client errors · ${c.serverError} server errors`;

/** Health of one connection: last activity, last error, counts, what it created, its token. */
export function HealthFacts({ connection }: { connection: Health }) {
  return (
    <section aria-labelledby="health-heading">
      <h2 id="health-heading">Health</h2>
      <dl className="facts-grid">
        <div>
          <dt>Last request</dt>
          <dd>{formatTime(connection.lastRequestAt)}</dd>
        </div>
        <div>
          <dt>Last success</dt>
          <dd>{formatTime(connection.lastSuccessAt)}</dd>
        </div>
        <div>
          <dt>Last error</dt>
          <dd>
            {formatTime(connection.lastErrorAt)}
            {connection.lastError && (
              <>
                {' '}
                — <code>{connection.lastError.status}</code> {connection.lastError.detail}
              </>
            )}
          </dd>
        </div>
        <div>
          <dt>Requests, last 24 hours</dt>
          <dd>{counts(connection.day)}</dd>
        </div>
        <div>
          <dt>Requests, since creation</dt>
          <dd>{counts(connection.total)}</dd>
        </div>
        <div>
          <dt>Created through it</dt>
          <dd>
            {connection.usersCreated} users, {connection.groupsCreated} groups
          </dd>
        </div>
        <div>
          <dt>Token last used</dt>
          <dd>{formatTime(connection.tokenLastUsedAt)}</dd>
        </div>
        <div>
          <dt>Token expires</dt>
          <dd>{formatTime(connection.tokenExpiresAt)}</dd>
        </div>
        {connection.requestLogDropped > 0 && (
          <div>
            <dt>Log entries dropped (database busy)</dt>
            <dd>{connection.requestLogDropped}</dd>
          </div>
        )}
      </dl>
      <h2>Quirks seen</h2>
      {connection.quirksSeen.length === 0 ? (
        <p>None: every request was standard SCIM.</p>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">Quirks seen, most frequent first</caption>
            <thead>
              <tr>
                <th scope="col">Quirk</th>
                <th scope="col">Count</th>
                <th scope="col">Last seen</th>
              </tr>
            </thead>
            <tbody>
              {connection.quirksSeen.map((quirk) => (
                <tr key={quirk.name}>
                  <th scope="row">
                    <code>{quirk.name}</code>
                  </th>
                  <td>{quirk.count}</td>
                  <td>{formatTime(quirk.lastSeenAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
