import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { WEB_STYLESHEET } from './web.stylesheet';

/** Where the pages find their scripts and styles: all served by this process, no CDN. */
export const WEB_ASSETS = {
  stylesheet: '/assets/conveyor.css',
  htmx: '/assets/vendor/htmx.min.js',
  htmxSse: '/assets/vendor/htmx-ext-sse.js',
  /** Page scripts compiled from ./client/*.client.ts, e.g. clientScript('shop'). */
  clientScript: (name: string) => `/assets/${name}.client.js`,
};

interface Asset {
  body: string;
  contentType: string;
}

/**
 * Reads every asset once at boot (htmx and its SSE extension from node_modules, the page scripts
 * swc compiled beside this file) and serves it with a long cache and nosniff, so the pages work
 * offline and under a script-src 'self' policy.
 */
export function registerWebAssets(fastify: FastifyInstance): void {
  for (const [url, asset] of loadAssets()) {
    fastify.get(url, (_request, reply) => {
      void reply
        .header('content-type', asset.contentType)
        .header('cache-control', 'public, max-age=3600')
        .send(asset.body);
    });
  }
}

function loadAssets(): Map<string, Asset> {
  const javascript = 'text/javascript; charset=utf-8';
  const assets = new Map<string, Asset>([
    [WEB_ASSETS.stylesheet, { body: WEB_STYLESHEET, contentType: 'text/css; charset=utf-8' }],
    [
      WEB_ASSETS.htmx,
      { body: readPackageFile('htmx.org/dist/htmx.min.js'), contentType: javascript },
    ],
    [WEB_ASSETS.htmxSse, { body: readPackageFile('htmx-ext-sse/sse.js'), contentType: javascript }],
  ]);
  const clientDir = path.join(__dirname, 'client');
  const files = existsSync(clientDir) ? readdirSync(clientDir) : [];
  for (const file of files.filter((name) => name.endsWith('.client.js'))) {
    const name = file.replace(/\.client\.js$/, '');
    const body = readFileSync(path.join(clientDir, file), 'utf8').replace(
      /\n\/\/# sourceMappingURL=.*$/,
      '',
    );
    assets.set(WEB_ASSETS.clientScript(name), { body, contentType: javascript });
  }
  return assets;
}

function readPackageFile(specifier: string): string {
  return readFileSync(require.resolve(specifier), 'utf8');
}
