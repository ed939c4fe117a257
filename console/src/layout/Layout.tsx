import { Navigate, NavLink, Route, Routes } from 'react-router-dom';
import { useQuery } from 'urql';
import { ErrorMessage } from '../api/ErrorMessage';
import { AddConnectionPage } from '../connections/AddConnectionPage';
import { ConnectionPage } from '../connections/ConnectionPage';
import { ConnectionsPage } from '../connections/ConnectionsPage';
import { ConnectionActivityPage } from '../activity/ConnectionActivityPage';
import { AuditLogPage } from '../audit/AuditLogPage';
import { GroupPage } from '../directory/GroupPage';
import { GroupsPage } from '../directory/GroupsPage';
import { UserPage } from '../directory/UserPage';
import { UsersPage } from '../directory/UsersPage';
import { PlaceholderPage } from '../pages/PlaceholderPage';
import { ApiTokensPage } from '../tokens/ApiTokensPage';
import type { Rights } from '../session/rights';
import { RightsContext } from '../session/rights';
import { ViewerOrganizationQuery } from '../session/viewer';
import { SessionButtons } from './SessionButtons';

const NAV = [
  { to: '/connections', label: 'Connections' },
  { to: '/users', label: 'Users' },
  { to: '/groups', label: 'Groups' },
  { to: '/api-tokens', label: 'API tokens' },
  { to: '/audit-log', label: 'Audit log' },
] as const;

type LayoutProps = Omit<Rights, 'organization'>;

/** Header (organization, sign out), navigation and the signed-in pages. */
export function Layout(props: LayoutProps) {
  const [{ data, error }] = useQuery({ query: ViewerOrganizationQuery });
  if (error)
    return (
      <main className="sign-in">
        <ErrorMessage error={error} context="Loading the organization failed" />
        <div className="actions">
          <SessionButtons canSwitch={props.isPlatform} />
        </div>
      </main>
    );
  if (!data) return <p className="loading">Loading…</p>;
  const rights: Rights = { ...props, organization: data.viewer.organization };
  return (
    <RightsContext.Provider value={rights}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="top-bar">
        <span className="brand">Identity admin</span>
        <span className="organization">{rights.organization.name}</span>
        {!rights.canWrite && <span className="badge">Read-only</span>}
        <span className="spacer" />
        <SessionButtons canSwitch={rights.isPlatform} className="secondary" />
      </header>
      <nav aria-label="Main" className="main-nav">
        <ul>
          {NAV.map((item) => (
            <li key={item.to}>
              <NavLink to={item.to}>{item.label}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" tabIndex={-1}>
        <Routes>
          <Route index element={<Navigate to="/connections" replace />} />
          <Route path="connections" element={<ConnectionsPage />} />
          <Route path="connections/new" element={<AddConnectionPage />} />
          <Route path="connections/:id" element={<ConnectionPage />} />
          <Route path="connections/:id/activity" element={<ConnectionActivityPage />} />
          <Route path="users" element={<UsersPage />} />
          <Route path="users/:id" element={<UserPage />} />
          <Route path="groups" element={<GroupsPage />} />
          <Route path="groups/:id" element={<GroupPage />} />
          <Route path="api-tokens" element={<ApiTokensPage />} />
          <Route path="audit-log" element={<AuditLogPage />} />
          <Route path="*" element={<PlaceholderPage title="Not found" />} />
        </Routes>
      </main>
    </RightsContext.Provider>
  );
}
