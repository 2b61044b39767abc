import { Inject, Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { type Authentication, AuthenticationService, type IssuedSession } from '../../identity/authentication.service';

/**
 * Signing in and out for the pages, through the identity module's own service. `IdentityModule.forRoot` is
 * configured once by the application module; importing it again here would install its global guards twice,
 * so its service is looked up in the application's container when it is needed.
 */
@Injectable()
export class WebSignIn {
  constructor(@Inject(ModuleRef) private readonly moduleRef: ModuleRef) {}

  login(username: string, password: string): Promise<IssuedSession> {
    return this.service().login(username, password, { kind: 'browser' });
  }

  logout(authentication: Authentication): Promise<void> {
    return this.service().logout(authentication);
  }

  private service(): AuthenticationService {
    return this.moduleRef.get(AuthenticationService, { strict: false });
  }
}
