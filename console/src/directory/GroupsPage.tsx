import '../common/console-b.css';
import { Link } from 'react-router-dom';
import { useQuery } from 'urql';
import { ErrorMessage } from '../api/ErrorMessage';
import { Pager } from '../common/paging';
import { usePageTitle } from '../layout/use-page-title';
import { GroupsQuery } from './documents';
import { SearchBox } from './SearchBox';
import { useDirectorySearch } from './use-directory-search';

const PAGE_SIZE = 25;

export function GroupsPage() {
  usePageTitle('Groups');
  const { pages, query, filter, search } = useDirectorySearch(['displayName']);
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
        onSearch={search}
      />
      {error && <ErrorMessage error={error} context="Searching groups failed" />}
      {page && (
        <p className="muted">
          {page.totalCount} {page.totalCount === 1 ? 'group' : 'groups'}
        </p>
      )}
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
      <Pager label="Groups" pages={pages} pageInfo={page?.pageInfo} />
    </section>
  );
}
