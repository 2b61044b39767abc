import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import type { AppConfig } from './config/app.config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { EventStoreModule } from './event-store/event-store.module';
import { ApiExceptionFilter } from './http/api-exception.filter';
import { ReadModelsModule } from '../projections/read-models.module';
import { AuditModule } from './http/audit/audit.module';
import { CasesModule } from './http/cases/cases.module';
import { ReportingModule } from './http/reporting/reporting.module';
import { HealthModule } from './http/health.module';
import { createValidationPipe } from './http/request-validation';
import { IdentityModule } from './identity/identity.module';
import type { Logger } from './logging/logger';
import { LoggingModule } from './logging/logging.module';
import { WebModule } from './web/web.module';

/** The whole service. Configuration and logger come from outside so tests can boot it with their own. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot(logger),
        DatabaseModule,
        EventStoreModule,
        HealthModule,
        // Its guards are global: every route below requires a session unless marked @Public().
        IdentityModule.forRoot({ secureCookie: config.secureCookie, demoData: config.demoData }),
        CasesModule,
        ReadModelsModule.forRoot(),
        AuditModule,
        ReportingModule,
        WebModule,
      ],
      providers: [
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
      ],
    };
  }
}
