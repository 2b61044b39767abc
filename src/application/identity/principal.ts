import type { Actor } from '../../domain/case/access.policy';

/**
 * Who is signed in, as every handler receives it. It is an `Actor`, so it goes straight into the access
 * policy; the names are for display only and never decide anything. Today it comes from the installation's own
 * accounts; with OpenID Connect it will be mapped from the identity provider's claims.
 */
export interface Principal extends Actor {
  username: string;
  displayName: string;
}
