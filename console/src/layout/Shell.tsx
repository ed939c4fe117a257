import { Route, Routes } from 'react-router-dom';
import { PlaceholderPage } from '../pages/PlaceholderPage';
import { SignInPage } from '../pages/SignInPage';
import { useSession } from '../session/session-context';
import { SignedIn } from './SignedIn';

/** The setup-link visitor page needs no sign-in; everything else does. */
export function Shell() {
  const { token } = useSession();
  return (
    <Routes>
      <Route path="/setup/:secret" element={<PlaceholderPage title="Set up your identity provider" />} />
      <Route path="*" element={token ? <SignedIn /> : <SignInPage />} />
    </Routes>
  );
}
