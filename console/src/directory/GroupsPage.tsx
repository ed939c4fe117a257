import '../common/console-b.css';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useQuery } from 'urql';
import { ErrorMessage } from '../api/ErrorMessage';
import { Pager, useCursorPages } from '../common/paging';
import { searchFilter } from '../common/scim-filter';
import { usePageTitle } from '../layout/use-page-title';
import { GroupsQuery } from './documents';
import { SearchBox } from './SearchBox';

const PAGE_SIZE = 25;

export function GroupsPage() {
  usePageTitle('Groups');
  const pages = useCursorPages();
  const [text, setText] = useState('');
  const query = searchFilter(text, ['displayName']);
  const filter = query.kind === 'none' ? null : query.filter;
  const [{ data, error }] = useQuery({
    query: GroupsQuery,
    variables: { filter, first: PAGE_SIZE, after: pages.after },
  });
  const page = data?.groups;
  return (
    <section>
      <h1>Groups</h1>
      <SearchBox
        label="Search groups"
        placeholder='Sales, or displayName sw "S"'
        query={query}
        onSearch={(next) => {
          pages.reset();
          setText(next);
        }}
      />
      {error && <ErrorMessage error={error} context="Searching groups failed" />}
      {page && <p className="muted">{page.totalCount} groups</p>}
      {page && page.nodes.length > 0 && (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">Groups</caption>
            <thead>
              <tr>
                <th scope="col">Display name</th>
                <th scope="col">External id</th>
                <th scope="col">Members</th>
              </tr>
            </thead>
            <tbody>
              {page.nodes.map((group) => (
                <tr key={group.id}>
                  <th scope="row">
                    <Link to={`/groups/${group.id}`}>{group.displayName}</Link>
                  </th>
                  <td>{group.externalId ?? '—'}</td>
                  <td>{group.memberCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager
        label="Groups"
        page={pages.page}
        hasNext={page?.pageInfo.hasNextPage ?? false}
        onPrevious={pages.previous}
        onNext={() => pages.next(page?.pageInfo.endCursor)}
      />
    </section>
  );
}
