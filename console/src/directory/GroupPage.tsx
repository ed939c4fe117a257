import '../common/console-b.css';
import { Link, useParams } from 'react-router-dom';
import { useQuery } from 'urql';
import { ErrorMessage } from '../api/ErrorMessage';
import { NotFound } from '../common/NotFound';
import { Pager, useCursorPages } from '../common/paging';
import { formatTime } from '../connections/format';
import { usePageTitle } from '../layout/use-page-title';
import { GroupQuery } from './documents';

const PAGE_SIZE = 50;

/** One group (read-only) and its direct members, a page at a time. */
export function GroupPage() {
  usePageTitle('Group');
  const { id = '' } = useParams();
  const pages = useCursorPages();
  const [{ data, error }] = useQuery({
    query: GroupQuery,
    variables: { id, first: PAGE_SIZE, after: pages.after },
  });
  if (error && !data?.group) return <ErrorMessage error={error} context="Loading the group failed" />;
  if (!data) return <p className="loading">Loading…</p>;
  const group = data.group;
  if (!group)
    return (
      <NotFound
        title="Group not found"
        message="No group has this id (it may have been deleted)."
        back={{ to: '/groups', label: 'Back to groups' }}
      />
    );
  return (
    <section>
      <p>
        <Link to="/groups">← Groups</Link>
      </p>
      <h1>{group.displayName}</h1>
      <dl className="facts-grid">
        <div>
          <dt>External id</dt>
          <dd>{group.externalId ?? '—'}</dd>
        </div>
        <div>
          <dt>Members</dt>
          <dd>{group.memberCount}</dd>
        </div>
        <div>
          <dt>Created</dt>
          <dd>{formatTime(group.createdAt)}</dd>
        </div>
        <div>
          <dt>Updated</dt>
          <dd>{formatTime(group.updatedAt)}</dd>
        </div>
        <div>
          <dt>Id</dt>
          <dd>
            <code>{group.id}</code>
          </dd>
        </div>
      </dl>
      <p>
        <Link to={`/audit-log?targetId=${encodeURIComponent(group.id)}`}>Audit events for this group</Link>
      </p>
      <h2>Members</h2>
      {group.members.nodes.length === 0 ? (
        <p>No members.</p>
      ) : (
        <ul>
          {group.members.nodes.map((member) => (
            <li key={member.id}>
              <Link to={member.type === 'GROUP' ? `/groups/${member.id}` : `/users/${member.id}`}>
                {member.display ?? member.id}
              </Link>{' '}
              <span className="muted">({member.type === 'GROUP' ? 'group' : 'user'})</span>
            </li>
          ))}
        </ul>
      )}
      <Pager label="Members" pages={pages} pageInfo={group.members.pageInfo} />
    </section>
  );
}
