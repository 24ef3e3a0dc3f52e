import { setSourceMapsSupport } from 'node:module';

/*
 * Imported for this side effect, first, by each app's main.ts (and the benchmark's bare
 * processes): modules compiled after this point have their source maps read, so logged stack
 * traces point at the TypeScript files. Only this repository's code: packages' own maps
 * (TypeORM, OpenTelemetry, Nest…) stay unread; `--enable-source-maps` would read them all into
 * every app's heap (a worker with tracing on, at rest: 70 MB in use with every map read, 49 MB
 * with none; docs/performance.md, Memory). A module of its own because imports are hoisted: a
 * call in main.ts itself would run after everything main.ts imports.
 */
setSourceMapsSupport(true, { nodeModules: false });
