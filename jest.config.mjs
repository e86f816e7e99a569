import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Jest in ESM mode (Nest 12 is ESM-only) with swc; type-checking is `tsc --noEmit`, separately. */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
    },
    module: { type: 'es6' },
  },
];

export default {
  rootDir: path.dirname(fileURLToPath(import.meta.url)),
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': swc,
    // ESM-only dependencies that CommonJS packages require(): compiled to CommonJS for Jest on Node 20
    '/node_modules/content-disposition/.+\\.js$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!content-disposition/)'],
  moduleNameMapper: { '^@linli/shared$': '<rootDir>/shared/src/index.ts' },
  testMatch: [
    '<rootDir>/shared/src/**/*.spec.ts',
    '<rootDir>/server/src/**/*.spec.ts',
    '<rootDir>/miniapp/src/**/*.spec.ts',
    '<rootDir>/server/test/**/*.e2e-spec.ts',
    '<rootDir>/miniapp/e2e/**/*.e2e-spec.ts',
  ],
  testTimeout: 150_000, // hooks too: a server start may take up to 120 s on a loaded machine (test-app.ts)
  maxWorkers: 2,
};
