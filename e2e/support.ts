// End-to-end support: the built web UI served by the real server on a real database, driven by Debian's Chromium.
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Locator,
  type Page,
} from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startTestServer, type TestServer } from '../packages/server/test/harness.ts';
import { buildWebUi } from './web-build.ts';

export { buildWebUi };

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const SCREENSHOT_DIR = `${ROOT}artifacts/screenshots`;

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: install Debian's package (apt-get install -y chromium) or set CHROMIUM_PATH`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
}

export async function startProduct(env: Record<string, string> = {}): Promise<TestServer> {
  buildWebUi();
  return startTestServer(env);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png`, fullPage: true });
}

/** Signs in through the real sign-in page. */
export async function signInAs(page: Page, baseUrl: string, username: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('signin-username').fill(username);
  await page.getByTestId('signin-password').fill('Leqi@2026');
  await page.getByTestId('signin-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

export const DESKTOP: BrowserContextOptions = {
  viewport: { width: 1366, height: 900 },
  locale: 'zh-CN',
  acceptDownloads: true,
};
export const PHONE: BrowserContextOptions = {
  viewport: { width: 375, height: 812 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 2,
  locale: 'zh-CN',
};

export interface ProductSession {
  readonly server: TestServer;
  readonly browser: Browser;
  /** a new browser context (desktop unless told otherwise) signed in as `username` */
  pageFor(username: string, options?: BrowserContextOptions): Promise<Page>;
}

/** One product server and one Chromium for the test file, closed after it; each user gets a context of their own. */
export function useProduct(env: Record<string, string> = {}): ProductSession {
  const contexts: BrowserContext[] = [];
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startProduct(env);
    browser = await launchChromium();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.close();
  });
  const session: ProductSession = {
    get server() {
      if (!server) throw new Error('product not started yet');
      return server;
    },
    get browser() {
      if (!browser) throw new Error('browser not launched yet');
      return browser;
    },
    async pageFor(username, options = DESKTOP) {
      const context = await session.browser.newContext(options);
      contexts.push(context);
      const page = await context.newPage();
      await signInAs(page, session.server.url, username);
      return page;
    },
  };
  return session;
}

/**
 * Waits until a live queue shows the case of `uscc`. Cases that arrive while the queue is open are announced
 * ("有 N 个新案件，点击显示") rather than pushed under the officer's cursor, so the announcement is clicked.
 */
export async function showQueueRow(page: Page, uscc: string, timeout = 15_000): Promise<void> {
  const row = page.getByTestId(`queue-row-${uscc}`);
  const announcement = page.getByTestId('new-arrivals');
  const deadline = Date.now() + timeout;
  while (!(await row.isVisible())) {
    if (Date.now() > deadline) throw new Error(`queue row of ${uscc} did not appear within ${timeout} ms`);
    if (await announcement.isVisible()) await announcement.click();
    await page.waitForTimeout(100);
  }
}

/**
 * Picks an option of an antd Select and waits until the option list has closed: on a loaded machine the list was
 * still open over the form's 保存 button, which then could not be clicked.
 */
export async function chooseOption(page: Page, trigger: Locator, option: Locator, timeout = 15_000): Promise<void> {
  await trigger.click();
  await option.click();
  const open = page.locator('.ant-select-dropdown:visible');
  const deadline = Date.now() + timeout;
  for (let waited = 0; (await open.count()) > 0; waited += 50) {
    if (Date.now() > deadline) throw new Error(`the option list is still open ${timeout} ms after choosing`);
    // a click that landed while the list was still sliding in missed its option: choose it again (choosing the
    // chosen option of a single select just closes the list)
    if (waited > 0 && waited % 1_000 === 0 && (await option.isVisible())) {
      await option.click({ timeout: 2_000 }).catch(() => undefined);
    }
    await page.waitForTimeout(50);
  }
}

// exceljs is a dependency of the server package, not of the repository root where the e2e files live
export const ExcelJS = createRequire(new URL('../packages/server/package.json', import.meta.url))(
  'exceljs',
) as typeof import('../packages/server/node_modules/exceljs');
