// `pnpm start`: the product on PORT (default 4000) with data under DATA_DIR (default ./data).
import { startApp } from './app.ts';
import { ConfigError, loadConfig } from './platform/config.ts';

try {
  const config = loadConfig();
  const running = await startApp(config);
  const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.dataDir}`;
  console.log(`乐企自用接入 listening on http://localhost:${running.http.port} — data: ${where}`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: finishing in-flight requests and closing`);
    await running.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  throw error;
}
