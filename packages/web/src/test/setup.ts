import { cleanup } from '@testing-library/react';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { liveState } from '../app/client.ts';
import { server } from './server.ts';
import { resetSubscriptions } from './subscriptions.ts';

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  server.resetHandlers();
  resetSubscriptions();
  liveState.set('connecting');
  localStorage.clear();
});
afterAll(() => server.close());
