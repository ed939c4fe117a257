import '../common/console-b.css';
import { Link, useParams } from 'react-router-dom';
import { useMutation, useQuery } from 'urql';
import { ErrorMessage } from '../api/ErrorMessage';
import { NotFound } from '../common/NotFound';
import { MutationError } from '../common/MutationError';
import { formatTime } from '../connections/format';
import { usePageTitle } from '../layout/use-page-title';
import { useRights } from '../session/rights';
import { SetUserActiveMutation, UserQuery } from './documents';

/** One user, read-only but for activate/deactivate, with the groups it is in. */
export function UserPage() {
  usePageTitle('User');
  const { id = '' } = useParams();
  const { canWrite } = useRights();
  const [{ data, error }] = useQuery({ query: UserQuery, variables: { id } });
  const [change, setActive] = useMutation(SetUserActiveMutation);
  if (error && !data?.user) return <ErrorMessage error={error} context="Loading the user failed" />;
  if (!data) return <p className="loading">Loading…</p>;
  const user = data.user;
  if (!user)
    return (
      <NotFound
        title="User not found"
        message="No user has this id (it may have been deleted)."
        back={{ to: '/users', label: 'Back to users' }}
      />
    );
  return (
    <section>
      <p>
        <Link to="/users">← Users</Link>
      </p>
      <h1>{user.displayName ?? user.userName}</h1>
      <dl className="facts-grid">
        <div>
          <dt>User name</dt>
          <dd>{user.userName}</dd>
        </div>
        <div>
          <dt>Name</dt>
          <dd>
            {user.name?.formatted ??
              ([user.name?.givenName, user.name?.familyName].filter(Boolean).join(' ') || '—')}
          </dd>
        </div>
        <div>
          <dt>Emails</dt>
          <dd>{user.emails.map((e) => `${e.value}${e.type ? ` (${e.type})` : ''}`).join(', ') || '—'}</dd>
        </div>
        <div>
          <dt>Title</dt>
          <dd>{user.title ?? '—'}</dd>
        </div>
        <div>
          <dt>External id</dt>
          <dd>{user.externalId ?? '—'}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>{user.active ? 'Active' : 'Inactive'}</dd>
        </div>
        <div>
          <dt>Created</dt>
          <dd>{formatTime(user.createdAt)}</dd>
        </div>
        <div>
          <dt>Updated</dt>
          <dd>{formatTime(user.updatedAt)}</dd>
        </div>
        <div>
          <dt>Id</dt>
          <dd>
            <code>{user.id}</code>
          </dd>
        </div>
      </dl>
      {canWrite && (
        <div className="actions">
          <button
            type="button"
            className={user.active ? 'danger' : undefined}
            disabled={change.fetching}
            onClick={() => void setActive({ id: user.id, active: !user.active })}
          >
            {user.active ? 'Deactivate user' : 'Activate user'}
          </button>
        </div>
      )}
      <MutationError error={change.error} context="Changing the user failed" />
      <p>
        <Link to={`/audit-log?targetId=${encodeURIComponent(user.id)}`}>Audit events for this user</Link>
      </p>
      <h2>Groups</h2>
      {user.groups.length === 0 ? (
        <p>In no group.</p>
      ) : (
        <ul>
          {user.groups.map((membership) => (
            <li key={membership.group.id}>
              <Link to={`/groups/${membership.group.id}`}>{membership.group.displayName}</Link>
              {!membership.direct && <span className="muted"> (through a nested group)</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
