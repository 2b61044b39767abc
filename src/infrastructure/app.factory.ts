import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import type { AppConfig } from './config/app.config';
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
  // Registered before `init()` adds the routes, so it sees every request, including unmatched ones.
  app.use(requestLogging(logger));
  await app.init();
  return app;
}
