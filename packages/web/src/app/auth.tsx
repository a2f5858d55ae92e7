import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  useSyncExternalStore,
} from 'react';
import { type CombinedError, Provider, useQuery } from 'urql';
import { type ClientOptions, createAppClient, liveState, TOKEN_KEY } from './client.ts';
import { useI18n } from './i18n.tsx';
import { type SessionViewer, VIEWER_QUERY } from './viewer.ts';

export interface Auth {
  token: string | null;
  viewer: SessionViewer | null;
  /** True while the viewer of a stored token is being loaded. */
  loading: boolean;
  /** Set when the viewer of a stored token could not be loaded (network or server failure). */
  error: CombinedError | null;
  retry: () => void;
  signedIn: (token: string, viewer: SessionViewer) => void;
  signOut: () => void;
}

const AuthContext = createContext<Auth | null>(null);

/** Set when the server ended the session (not the user): the sign-in page says so once. */
export const SESSION_ENDED_KEY = 'leqi.sessionEnded';

/** Holds the session token and provides the urql client built for it (recreated on sign-in/out and language change). */
export function AuthProvider({ children, clientOptions }: { children: ReactNode; clientOptions?: ClientOptions }) {
  const { lang } = useI18n();
  const [token, setToken] = useState<string | null>(() => localStorage.getItem(TOKEN_KEY));
  const [signedInViewer, setSignedInViewer] = useState<SessionViewer | null>(null);
  const app = useMemo(() => createAppClient(token, lang, clientOptions), [token, lang, clientOptions]);
  useEffect(() => app.dispose, [app]);

  const signedIn = useCallback((next: string, viewer: SessionViewer) => {
    sessionStorage.removeItem(SESSION_ENDED_KEY);
    localStorage.setItem(TOKEN_KEY, next);
    setSignedInViewer(viewer);
    setToken(next);
  }, []);
  const signOut = useCallback(() => {
    localStorage.removeItem(TOKEN_KEY);
    setSignedInViewer(null);
    setToken(null);
  }, []);

  return (
    <Provider value={app.client}>
      <ViewerLoader token={token} initialViewer={signedInViewer} signedIn={signedIn} signOut={signOut}>
        {children}
      </ViewerLoader>
    </Provider>
  );
}

function ViewerLoader({
  token,
  initialViewer,
  signedIn,
  signOut,
  children,
}: {
  token: string | null;
  initialViewer: SessionViewer | null;
  signedIn: Auth['signedIn'];
  signOut: Auth['signOut'];
  children: ReactNode;
}) {
  const [result, reexecute] = useQuery({ query: VIEWER_QUERY, pause: !token });
  const retry = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);
  const viewer = token ? (result.data?.viewer ?? (result.data ? null : initialViewer)) : null;
  // The server closed the live socket because the session ended (account disabled, signed out elsewhere) or the
  // viewer's rights changed: ask who we are again — an unknown token signs out below, changed rights show at once.
  const credentialChecks = useSyncExternalStore(liveState.subscribe, liveState.credentialChecks);
  useEffect(() => {
    if (credentialChecks > 0) retry();
  }, [credentialChecks, retry]);
  // A stored token the server no longer knows: drop it and show the sign-in page, saying why.
  useEffect(() => {
    if (token && result.data && !result.data.viewer) {
      sessionStorage.setItem(SESSION_ENDED_KEY, '1');
      signOut();
    }
  }, [token, result.data, signOut]);
  const value = useMemo<Auth>(
    () => ({
      token,
      viewer,
      loading: !!token && !viewer && !result.error,
      error: viewer ? null : (result.error ?? null),
      retry,
      signedIn,
      signOut,
    }),
    [token, viewer, result.error, retry, signedIn, signOut],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}
