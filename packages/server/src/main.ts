// `pnpm start`: the product on PORT (default 4000) with data under DATA_DIR (default ./data).
import { startApp } from './app.ts';
import { ConfigError, loadConfig } from './platform/config.ts';
import { createLogger } from './platform/observability/log.ts';

try {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const running = await startApp(config, log);
  const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.dataDir}`;
  log.info(`乐企自用接入 listening on http://localhost:${running.http.port}`, {
    port: running.http.port,
    data: where,
    redis: Boolean(config.redisUrl),
  });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: finishing in-flight requests and closing`, { inFlight: running.http.inFlight() });
    try {
      await running.close();
      log.info('stopped');
      process.exit(0);
    } catch (error) {
      log.error('shutdown failed', { error });
      process.exit(1);
    }
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
