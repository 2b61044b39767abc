/** Tests run TypeScript through swc; `npm run typecheck` checks types separately. */
const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    // Nest's DI and class-validator read decorator metadata: without it they silently do nothing.
    transform: { legacyDecorator: true, decoratorMetadata: true },
    keepClassNames: true,
    target: 'es2022',
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test', '<rootDir>/src'],
  testMatch: ['**/*.spec.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', swc] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testTimeout: 60_000,
  // Two cores: more workers only fight over them and over the shared PostgreSQL.
  maxWorkers: 2,
};
