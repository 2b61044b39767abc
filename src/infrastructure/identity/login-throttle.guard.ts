import { Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ThrottlerGuard, type ThrottlerStorage } from '@nestjs/throttler';
import { IDENTITY_OPTIONS, type IdentityOptions } from './identity.options';

export const LOGIN_THROTTLE_STORAGE = Symbol('LoginThrottleStorage');

/**
 * Per-address limit on the sign-in routes (@nestjs/throttler, in memory per process). Its options are its own,
 * so the application stays free to configure a general ThrottlerModule. The client address is `req.ip`: behind
 * a reverse proxy, Express's `trust proxy` must be set or every user shares the proxy's address.
 */
@Injectable()
export class LoginThrottleGuard extends ThrottlerGuard {
  constructor(@Inject(IDENTITY_OPTIONS) options: IdentityOptions, @Inject(LOGIN_THROTTLE_STORAGE) storage: ThrottlerStorage, reflector: Reflector) {
    super(
      {
        throttlers: [{ name: 'login', limit: options.loginRateLimitPerIp.limit, ttl: options.loginRateLimitPerIp.windowMs }],
        errorMessage: 'Zu viele Anmeldeversuche von dieser Adresse. Bitte warten Sie einen Moment.',
      },
      storage,
      reflector,
    );
  }
}
