import '../common/console-b.css';
import { Link } from 'react-router-dom';
import { useQuery } from 'urql';
import { ErrorMessage } from '../api/ErrorMessage';
import { Pager } from '../common/paging';
import { usePageTitle } from '../layout/use-page-title';
import { UsersQuery } from './documents';
import { SearchBox } from './SearchBox';
import { useDirectorySearch } from './use-directory-search';

const PAGE_SIZE = 25;
const PLAIN_TEXT = ['userName', 'displayName', 'emails.value'];

export function UsersPage() {
  usePageTitle('Users');
  const { pages, query, filter, search } = useDirectorySearch(PLAIN_TEXT);
  const [{ data, error }] = useQuery({
    query: UsersQuery,
    variables: { filter, first: PAGE_SIZE, after: pages.after },
  });
  const page = data?.users;
  return (
    <section>
      <h1>Users</h1>
      <SearchBox
        label="Search users"
        placeholder='alice, or userName sw "a"'
        query={query}
        onSearch={search}
      />
      {error && <ErrorMessage error={error} context="Searching users failed" />}
      {page && (
        <p className="muted">
          {page.totalCount} {page.totalCount === 1 ? 'user' : 'users'}
        </p>
      )}
      {page && page.nodes.length > 0 && (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">Users</caption>
            <thead>
              <tr>
                <th scope="col">User name</th>
                <th scope="col">Display name</th>
                <th scope="col">Email</th>
                <th scope="col">Active</th>
              </tr>
            </thead>
            <tbody>
              {page.nodes.map((user) => (
                <tr key={user.id}>
                  <th scope="row">
                    <Link to={`/users/${user.id}`}>{user.userName}</Link>
                  </th>
                  <td>{user.displayName ?? '—'}</td>
                  <td className="wrap">
                    {(user.emails.find((e) => e.primary) ?? user.emails[0])?.value ?? '—'}
                  </td>
                  <td>{user.active ? 'Active' : 'Inactive'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager label="Users" pages={pages} pageInfo={page?.pageInfo} />
    </section>
  );
}
