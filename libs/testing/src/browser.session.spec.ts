import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitFor } from '@conveyor/dev-stack';
import { BrowserSession } from './browser.session';

/** A page that breaks its own policy: an inline script under script-src 'self', and an error. */
const PAGE = `<!doctype html><title>t</title><p id="ok">hello</p>
<script>document.getElementById('ok').textContent = 'inline ran';</script>
<script src="/bad.js"></script>`;

describe('BrowserSession', () => {
  let server: Server;
  let baseUrl: string;
  let browser: BrowserSession;

  beforeAll(async () => {
    server = createServer((request, response) => {
      const script = request.url === '/bad.js';
      response.writeHead(200, {
        'content-type': script ? 'text/javascript' : 'text/html',
        'content-security-policy': "script-src 'self'",
      });
      response.end(script ? "console.error('something broke');" : PAGE);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await BrowserSession.launch();
  });

  afterAll(async () => {
    await browser?.close();
    server.close();
  });

  it('drives Debian Chromium and reports CSP refusals and console errors', async () => {
    const { page, problems } = await browser.newPage();
    await page.goto(baseUrl);
    await waitFor(() => problems.consoleErrors.length > 0 && problems.cspViolations.length > 0, {
      description: 'the console error and the CSP refusal',
    });
    expect(await page.textContent('#ok')).toBe('hello');
    expect(problems.consoleErrors).toEqual(['something broke']);
    expect(problems.cspViolations).toEqual([expect.stringMatching(/inline script/i)]);
  });
});
