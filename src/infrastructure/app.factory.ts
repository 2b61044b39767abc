import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import type { AppConfig } from './config/app.config';
import { serveOpenApi } from './http/openapi.document';
import { MAX_REQUEST_BODY_BYTES } from './http/request-body.limit';
import { requestLogging } from './http/request-logging.middleware';
import type { Logger } from './logging/logger';
import { NestLoggerAdapter } from './logging/nest-logger.adapter';

/** The application as `main.ts` runs it and the end-to-end tests boot it: initialised, not yet listening. */
export async function createApp(config: AppConfig, logger: Logger): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, logger), {
    logger: new NestLoggerAdapter(logger),
    // Nest's default would abort the process on a start-up error; the caller logs it and exits instead.
    abortOnError: false,
  });
  app.disable('x-powered-by');
  // Behind a load balancer the sign-in rate limit must see the client's address, not the proxy's.
  app.set('trust proxy', config.trustProxy);
  // Registered before `init()` adds the routes, so it sees every request, including unmatched ones.
  app.use(requestLogging(logger));
  // In place of Nest's default parsers (100 KiB): a larger body is refused with 413 before it is buffered.
  app.useBodyParser('json', { limit: MAX_REQUEST_BODY_BYTES });
  app.useBodyParser('urlencoded', { limit: MAX_REQUEST_BODY_BYTES, extended: false });
  // Express routes of their own, outside the guards: registered before `init()` adds the fallback 404.
  serveOpenApi(app);
  await app.init();
  return app;
}
