/** The registry holds a generation of a newer version than this code: this code must not replace it. */
export class ProjectionVersionConflictError extends Error {
  override readonly name = 'ProjectionVersionConflictError';
  constructor(
    readonly projection: string,
    readonly registryVersion: number,
    readonly codeVersion: number,
  ) {
    super(
      `Projection ${projection}: version ${registryVersion} is in the registry, this code has version ${codeVersion}; ` +
        'run the rebuild with the newer code',
    );
  }
}

/** An unfinished build of an older version is still being fed by another process. */
export class RebuildBlockedError extends Error {
  override readonly name = 'RebuildBlockedError';
  constructor(
    readonly projection: string,
    readonly generation: number,
  ) {
    super(
      `Projection ${projection}: generation ${generation}, a build of an older version, is still being fed by another ` +
        'process; stop the processes running the older code and try again',
    );
  }
}
