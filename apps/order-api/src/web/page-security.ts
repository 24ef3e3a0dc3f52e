import type { FastifyInstance } from 'fastify';

/** The HTML pages: the storefront and the operations console. */
const PAGE_PREFIXES = ['/shop', '/console'];

export function isPagePath(url: string): boolean {
  const pathname = url.split('?')[0];
  return PAGE_PREFIXES.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}

/**
 * Same-origin scripts, styles, images and connections only (Server-Sent Events included), no
 * inline script or style, no framing, forms post only here.
 */
export const PAGES_CSP = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    fontSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
};

const SWAGGER_UI_CSP = [
  "default-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "script-src 'self' 'unsafe-inline'",
  "frame-ancestors 'none'",
].join('; ');

/** Swagger UI needs inline styles and scripts: relaxed on /docs only, never on the pages. */
export function relaxDocsCsp(fastify: FastifyInstance): void {
  fastify.addHook('onSend', (request, reply, payload, done) => {
    const pathname = request.url.split('?')[0];
    if (pathname === '/docs' || pathname.startsWith('/docs/')) {
      void reply.header('content-security-policy', SWAGGER_UI_CSP);
    }
    done(null, payload);
  });
}
