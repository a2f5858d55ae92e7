import react from '@vitejs/plugin-react';
import { defineProject } from 'vitest/config';

export default defineProject({
  plugins: [react()],
  test: {
    name: 'web',
    environment: 'happy-dom',
    include: ['src/**/*.test.{ts,tsx}'],
    // `LEQI_TEST_PROFILE=<dir>`: a CPU profile per test file, as in the server project (scripts/cpu-profile.ts)
    setupFiles: ['./src/test/setup.ts', ...(process.env.LEQI_TEST_PROFILE ? ['../../scripts/cpu-profile.ts'] : [])],
    // one module graph per worker (vitest.config.ts): each test renders its own app; setup.ts resets msw and the DOM
    isolate: false,
    // a guard against hangs, not a speed goal: beside the server suites on two cores, the form tests that drive many
    // antd Selects took 17–21 s (8 s alone); the server projects allow 60 s as well
    testTimeout: 60_000,
  },
});
