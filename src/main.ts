import { createApp } from './infrastructure/app.factory';
import { type AppConfig, ConfigError, loadServiceConfig } from './infrastructure/config/app.config';
import { createLogger, type Logger } from './infrastructure/logging/logger';

const SHUTDOWN_SIGNALS = ['SIGTERM', 'SIGINT'] as const;
/** In-flight requests get this long to finish; then the process exits anyway, so an orchestrator never waits forever. */
const SHUTDOWN_GRACE_MS = 15_000;

async function main(): Promise<void> {
  const config = configOrExit();
  const logger = createLogger({ level: config.logLevel });
  try {
    const app = await createApp(config, logger);
    // Nest closes the HTTP server (letting in-flight requests finish), then the event store, then the database.
    app.enableShutdownHooks([...SHUTDOWN_SIGNALS], { useProcessExit: true });
    for (const signal of SHUTDOWN_SIGNALS) process.once(signal, () => armShutdownDeadline(logger, signal));
    await app.listen(config.http.port, config.http.host);
    logger.info(
      {
        url: `http://${formatHost(config.http.host)}:${config.http.port}`,
        eventStore: config.eventStore.kind,
        database: config.database.kind,
      },
      'listening',
    );
  } catch (error) {
    logger.fatal({ err: error }, 'failed to start');
    process.exit(1);
  }
}

/** Every problem in one structured line; the configured log level is not known yet. */
function configOrExit(): AppConfig {
  try {
    return loadServiceConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    createLogger({ level: 'info' }).fatal({ problems: error.problems }, 'invalid configuration');
    process.exit(1);
  }
}

function armShutdownDeadline(logger: Logger, signal: string): void {
  logger.info({ signal }, 'shutting down');
  setTimeout(() => {
    logger.error({ signal, graceMs: SHUTDOWN_GRACE_MS }, 'shutdown took too long: exiting');
    process.exit(1);
  }, SHUTDOWN_GRACE_MS).unref();
}

function formatHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

void main();
