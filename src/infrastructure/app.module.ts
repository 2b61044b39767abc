import { type DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from './config/app.config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { EventStoreModule } from './event-store/event-store.module';
import { HealthModule } from './http/health.module';
import type { Logger } from './logging/logger';
import { LoggingModule } from './logging/logging.module';

/** The whole service. Configuration and logger come from outside so tests can boot it with their own. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [ConfigModule.forRoot(config), LoggingModule.forRoot(logger), DatabaseModule, EventStoreModule, HealthModule],
    };
  }
}
