import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

/**
 * Tests run through swc, not esbuild: type-graphql and TypeORM need the
 * decorator metadata (emitDecoratorMetadata) that esbuild does not emit.
 * test/decorator-metadata.spec.ts fails without it.
 */
export default defineConfig({
  plugins: [
    swc.vite({
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: 'es2022',
      },
    }),
  ],
  resolve: {
    // One graphql module for everyone: without this, code imported by tests gets
    // graphql's ESM build while Apollo and type-graphql (loaded by Node) get the
    // CommonJS one, and graphql refuses types "from another module or realm".
    // The examples import the SDK as integrators do (`@aduan/sdk`); in tests that is its source.
    // graphql-shield as the built server loads it, its CommonJS build: its ES build imports `isUndefined` from `util`,
    // which Node 23 removed, so on Node 24 every file that imports the shield would fail to load (ADR 0040).
    alias: [
      { find: /^graphql$/, replacement: 'graphql/index.js' },
      { find: /^graphql-shield$/, replacement: createRequire(import.meta.url).resolve('graphql-shield') },
      { find: /^@aduan\/sdk$/, replacement: new URL('./sdk/src/index.ts', import.meta.url).pathname },
    ],
  },
  test: {
    include: ['test/**/*.spec.ts', 'server/src/**/*.spec.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    // Two files at a time even on two cores (vitest's default is one fewer than the cores): much of a file's time
    // is spent waiting — on PostgreSQL, on a spawned server, on a browser — and every file has its own database,
    // server and ports, so two side by side do not meet. On two cores this takes the suite from ~400 s to ~270 s.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 30_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
