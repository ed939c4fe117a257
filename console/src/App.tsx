import { BrowserRouter } from 'react-router-dom';
import { SessionProvider } from './session/SessionProvider';
import { Shell } from './layout/Shell';

/** Routes live under /admin (the service serves the SPA there). */
export function App() {
  return (
    <BrowserRouter basename="/admin">
      <SessionProvider>
        <Shell />
      </SessionProvider>
    </BrowserRouter>
  );
}
