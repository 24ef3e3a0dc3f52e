import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '@conveyor/dev-stack';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's package; playwright-core downloads no browser of its own. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Flags a root container needs (no sandbox, no GPU, /dev/shm is small) and those that keep
 * Chromium from calling home on a machine whose network is closed.
 */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--no-first-run',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** What a page said that a user would never see: console errors, CSP refusals, crashes. */
export interface PageProblems {
  consoleErrors: string[];
  cspViolations: string[];
  pageErrors: string[];
}

/** One headless Chromium for a test file, with a fresh context (cookies, storage) per session. */
export class BrowserSession {
  private constructor(private readonly browser: Browser) {}

  static async launch(): Promise<BrowserSession> {
    if (!existsSync(CHROMIUM_PATH)) {
      throw new Error(`${CHROMIUM_PATH} not found: apt-get install chromium (as .ci/run does)`);
    }
    return new BrowserSession(
      await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS }),
    );
  }

  /** A new context and page whose problems are collected from the first request on. */
  async newPage(): Promise<{ page: Page; context: BrowserContext; problems: PageProblems }> {
    const context = await this.browser.newContext();
    const page = await context.newPage();
    return { page, context, problems: collectProblems(page) };
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}

function collectProblems(page: Page): PageProblems {
  const problems: PageProblems = { consoleErrors: [], cspViolations: [], pageErrors: [] };
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    if (/Content Security Policy/i.test(text)) problems.cspViolations.push(text);
    else problems.consoleErrors.push(text);
  });
  page.on('pageerror', (error) => problems.pageErrors.push(error.message));
  return problems;
}

/** Where the browser tests leave their screenshots (the README shows some of them). */
export const SCREENSHOT_DIR = path.join(repoRoot(), 'reports', 'screenshots');

export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
