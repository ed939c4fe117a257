import { Route, Routes } from 'react-router-dom';
import { SignInPage } from '../pages/SignInPage';
import { SetupLinkPage } from '../setup-link/SetupLinkPage';
import { useSession } from '../session/session-context';
import { SignedIn } from './SignedIn';

/** The setup-link visitor page needs no sign-in; everything else does. */
export function Shell() {
  const { token } = useSession();
  return (
    <Routes>
      <Route path="/setup/:secret" element={<SetupLinkPage />} />
      <Route path="/setup" element={<SetupLinkPage />} />
      <Route path="*" element={token ? <SignedIn /> : <SignInPage />} />
    </Routes>
  );
}
