import { setSourceMapsSupport } from 'node:module';

/*
 * Imported for this side effect, first, by each app's main.ts (and the benchmark's bare
 * processes): modules compiled after this point have their source maps read, so logged stack
 * traces point at the TypeScript files. Only this repository's code: packages' own maps
 * (TypeORM, OpenTelemetry, Nest…) stay unread, which `--enable-source-maps` would load into
 * every app's heap (17 MB in a worker with tracing on; docs/performance.md, Memory). A separate
 * module because imports are hoisted: a call in main.ts itself would run after its imports.
 */
setSourceMapsSupport(true, { nodeModules: false });
