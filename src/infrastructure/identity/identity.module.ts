import { type DynamicModule, Inject, Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerStorageService } from '@nestjs/throttler';
import type { Database } from '../database/database';
import { DatabaseModule } from '../database/database.module';
import { DATABASE } from '../database/database.tokens';
import { LOGGER, type Logger } from '../logging/logger';
import { AccountsRepository } from './accounts.repository';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthenticationService } from './authentication.service';
import { seedDemoDistrict } from './demo-district.seed';
import { IDENTITY_OPTIONS, type IdentityOptions, type IdentitySettings, identityOptions } from './identity.options';
import { LoginAttemptsRepository } from './login-attempts.repository';
import { LOGIN_THROTTLE_STORAGE } from './login-throttle.guard';
import { PasswordHasher } from './password.hasher';
import { RolesGuard } from './roles.guard';
import { SessionCache } from './session.cache';
import { SessionsRepository } from './sessions.repository';

/** Runs before the HTTP server listens, so nobody signs in to a half-seeded store. */
@Injectable()
class DemoDataSeeding implements OnModuleInit {
  constructor(
    @Inject(IDENTITY_OPTIONS) private readonly options: IdentityOptions,
    @Inject(DATABASE) private readonly database: Database,
    @Inject(PasswordHasher) private readonly hasher: PasswordHasher,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.options.demoData) return;
    if ((await seedDemoDistrict(this.database, this.hasher, this.options.clock)) === 'created') {
      this.logger.warn(
        { event: 'demo_data_created' },
        'demo district created: its accounts have published passwords; never use this store for real cases',
      );
    }
  }
}

/**
 * Accounts, sign-in and access control of the standalone installation. Importing it protects every route of
 * the application: its guards are global (authentication, then roles), and routes opt out with `@Public()`.
 */
@Module({})
export class IdentityModule {
  static forRoot(settings: IdentitySettings): DynamicModule {
    return {
      module: IdentityModule,
      imports: [DatabaseModule],
      controllers: [AuthController],
      providers: [
        { provide: IDENTITY_OPTIONS, useValue: identityOptions(settings) },
        { provide: PasswordHasher, useValue: new PasswordHasher() },
        {
          provide: AccountsRepository,
          useFactory: (database: Database, options: IdentityOptions) => new AccountsRepository(database.db, options.clock),
          inject: [DATABASE, IDENTITY_OPTIONS],
        },
        { provide: SessionsRepository, useFactory: (database: Database) => new SessionsRepository(database.db), inject: [DATABASE] },
        {
          provide: LoginAttemptsRepository,
          useFactory: (database: Database, options: IdentityOptions) => new LoginAttemptsRepository(database.db, options.loginLockout),
          inject: [DATABASE, IDENTITY_OPTIONS],
        },
        {
          provide: AuthenticationService,
          useFactory: (
            accounts: AccountsRepository,
            sessions: SessionsRepository,
            attempts: LoginAttemptsRepository,
            hasher: PasswordHasher,
            options: IdentityOptions,
            logger: Logger,
          ) => new AuthenticationService(accounts, sessions, attempts, hasher, options, logger, new SessionCache()),
          inject: [AccountsRepository, SessionsRepository, LoginAttemptsRepository, PasswordHasher, IDENTITY_OPTIONS, LOGGER],
        },
        { provide: LOGIN_THROTTLE_STORAGE, useClass: ThrottlerStorageService },
        DemoDataSeeding,
        // In this order: roles are checked on the principal the auth guard attached.
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: RolesGuard },
      ],
      exports: [AccountsRepository, AuthenticationService, PasswordHasher],
    };
  }
}
