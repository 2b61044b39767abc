/**
 * Errors of the identity store and of signing in. Messages never quote a username, display name or password:
 * they reach logs and terminals. The HTTP layer answers with its own German texts.
 */

/** Unknown user, wrong password and disabled account look the same, so nobody can probe which usernames exist. */
export class InvalidCredentialsError extends Error {
  override readonly name = 'InvalidCredentialsError';
  constructor() {
    super('Invalid username or password');
  }
}

/** Too many failed attempts for one username; applies to unknown usernames just the same. */
export class LoginTemporarilyLockedError extends Error {
  override readonly name = 'LoginTemporarilyLockedError';
  constructor(readonly retryAt: Date) {
    super('Too many failed sign-in attempts for this username; try again later');
  }
}

export class InvalidUsernameError extends Error {
  override readonly name = 'InvalidUsernameError';
  constructor() {
    super('A username is 2 to 64 characters: lower-case letters a-z, digits, and . _ - @, starting with a letter or digit');
  }
}

export class InvalidDisplayNameError extends Error {
  override readonly name = 'InvalidDisplayNameError';
  constructor() {
    super('A display name is 1 to 200 characters');
  }
}

export class UsernameTakenError extends Error {
  override readonly name = 'UsernameTakenError';
  constructor() {
    super('This username is already taken');
  }
}

export class WeakPasswordError extends Error {
  override readonly name = 'WeakPasswordError';
  constructor(readonly reason: string) {
    super(`Password rejected: ${reason}`);
  }
}

export class DistrictNotFoundError extends Error {
  override readonly name = 'DistrictNotFoundError';
  constructor(readonly districtId: string) {
    super(`District ${JSON.stringify(districtId)} does not exist`);
  }
}

export class DistrictRequiredError extends Error {
  override readonly name = 'DistrictRequiredError';
  constructor() {
    super('A user without an organisation unit needs a district');
  }
}

export class DistrictExistsError extends Error {
  override readonly name = 'DistrictExistsError';
  constructor(readonly districtId: string) {
    super(`District ${JSON.stringify(districtId)} already exists`);
  }
}

export class OrganisationUnitNotFoundError extends Error {
  override readonly name = 'OrganisationUnitNotFoundError';
  constructor(readonly organisationUnitId: string) {
    super(`Organisation unit ${JSON.stringify(organisationUnitId)} does not exist`);
  }
}

export class OrganisationUnitNameTakenError extends Error {
  override readonly name = 'OrganisationUnitNameTakenError';
  constructor(readonly districtId: string) {
    super(`District ${JSON.stringify(districtId)} already has an organisation unit of this name`);
  }
}

export class OrganisationUnitOutsideDistrictError extends Error {
  override readonly name = 'OrganisationUnitOutsideDistrictError';
  constructor(
    readonly organisationUnitId: string,
    readonly districtId: string,
  ) {
    super(`Organisation unit ${JSON.stringify(organisationUnitId)} is not in district ${JSON.stringify(districtId)}`);
  }
}

export class OrganisationUnitRequiredError extends Error {
  override readonly name = 'OrganisationUnitRequiredError';
  constructor(readonly role: string) {
    super(`Role ${role} works on the cases of one organisation unit: an organisation unit is required`);
  }
}

/** A route marked `@Public()` asked for the principal: a programming error, not the caller's. */
export class PrincipalUnavailableError extends Error {
  override readonly name = 'PrincipalUnavailableError';
  constructor() {
    super('No authenticated principal on this request: the route is public or the auth guard is not installed');
  }
}
