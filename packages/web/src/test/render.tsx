import { render } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { App } from '../app/App.tsx';
import { AuthProvider } from '../app/auth.tsx';
import type { ClientOptions } from '../app/client.ts';
import { TOKEN_KEY } from '../app/client.ts';
import { I18nProvider, type Lang } from '../app/i18n.tsx';
import type { SessionViewer } from '../app/viewer.ts';
import { viewerHandler } from './handlers.ts';
import { server } from './server.ts';
import { forwardSubscription } from './subscriptions.ts';

const clientOptions: ClientOptions = { url: 'http://localhost/graphql', forwardSubscription };

/** Renders the whole app at `route`, signed in as `viewer` when given. */
export function renderApp(route: string, { viewer, lang = 'zh' }: { viewer?: SessionViewer; lang?: Lang } = {}) {
  if (viewer) {
    localStorage.setItem(TOKEN_KEY, `token-${viewer.username}`);
    server.use(viewerHandler(viewer));
  }
  return render(
    <I18nProvider initialLang={lang}>
      <AuthProvider clientOptions={clientOptions}>
        <MemoryRouter initialEntries={[route]}>
          <App />
        </MemoryRouter>
      </AuthProvider>
    </I18nProvider>,
  );
}
