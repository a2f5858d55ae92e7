import { cleanup, configure } from '@testing-library/react';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { liveState } from '../app/client.ts';
import { server } from './server.ts';
import { resetSubscriptions } from './subscriptions.ts';

// Lazy routes load on first use; a cold module graph under parallel test files on a loaded 2-core CI machine has
// taken over five seconds (InvitationListPage's first test timed out at 5 s while the PostgreSQL suite ran, and at
// 15 s beside a full CI run and two other test runs). Only a failing lookup waits this long.
configure({ asyncUtilTimeout: 30_000 });

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  server.resetHandlers();
  resetSubscriptions();
  liveState.set('connecting');
  localStorage.clear();
  sessionStorage.clear();
});
afterAll(() => server.close());
