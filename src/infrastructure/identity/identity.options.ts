/** How the identity module behaves; `IdentityModule.forRoot` fills in what the caller leaves out. */
export interface IdentityOptions {
  /** The `Secure` flag on the session cookie: on wherever users reach the service over HTTPS. */
  secureCookie: boolean;
  /** Create the demo district on an empty store at start-up (never in production: its passwords are published). */
  demoData: boolean;
  browserSession: {
    /** Signed out after this long without a request, so an unattended office PC does not stay open. */
    idleTimeoutMs: number;
    /** Signed out after this long regardless: one working day. */
    maxLifetimeMs: number;
  };
  /** Failed sign-ins per username (known or not) before it is locked until the window ends. */
  loginLockout: { maxFailures: number; windowMs: number };
  /** Sign-in requests per client address; generous, because an office often shares one address. */
  loginRateLimitPerIp: { limit: number; windowMs: number };
  clock: () => Date;
}

export type IdentitySettings = Pick<IdentityOptions, 'secureCookie' | 'demoData'> & Partial<IdentityOptions>;

const MINUTE_MS = 60_000;

/** Field by field, so a setting passed as `undefined` gets the default rather than replacing it. */
export function identityOptions(settings: IdentitySettings): IdentityOptions {
  return {
    secureCookie: settings.secureCookie,
    demoData: settings.demoData,
    browserSession: settings.browserSession ?? { idleTimeoutMs: 30 * MINUTE_MS, maxLifetimeMs: 10 * 60 * MINUTE_MS },
    loginLockout: settings.loginLockout ?? { maxFailures: 5, windowMs: 15 * MINUTE_MS },
    loginRateLimitPerIp: settings.loginRateLimitPerIp ?? { limit: 30, windowMs: MINUTE_MS },
    clock: settings.clock ?? (() => new Date()),
  };
}

export const IDENTITY_OPTIONS = Symbol('IdentityOptions');

/** API tokens are for scripts and integrations; they expire, and the longest they live is a quarter. */
export const API_TOKEN_DEFAULT_DAYS = 30;
export const API_TOKEN_MAX_DAYS = 90;
