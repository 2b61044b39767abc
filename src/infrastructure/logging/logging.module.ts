import { type DynamicModule, Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { LOGGER, type Logger } from './logger';

/** Global modules shut down after all others, so this line marks the end of a clean shutdown. */
@Injectable()
class ShutdownLog implements OnApplicationShutdown {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  onApplicationShutdown(signal?: string): void {
    this.logger.info({ signal }, 'stopped');
  }
}

/** The process's one pino logger, created before Nest so start-up failures are logged the same way. */
@Global()
@Module({})
export class LoggingModule {
  static forRoot(logger: Logger): DynamicModule {
    return {
      module: LoggingModule,
      providers: [{ provide: LOGGER, useValue: logger }, ShutdownLog],
      exports: [LOGGER],
    };
  }
}
