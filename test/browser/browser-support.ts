import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createTestContext, TEST_PASSWORD, TestContext } from '../support/test-app';

/** Debian's Chromium (apt-get install chromium chromium-l10n fonts-noto-cjk); CHROMIUM_PATH overrides. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM_PATH);

/**
 * `describe` when a Chromium is installed. Without one: in CI (CI=true, where .ci/run installs it)
 * the suite fails — the pages are part of the product, never silently untested; on a developer's
 * machine it is skipped with a message nobody can miss.
 */
export function describeInBrowser(name: string, fn: () => void): void {
  if (HAS_CHROMIUM) return describe(name, fn);
  const why = `no Chromium at ${CHROMIUM_PATH}; install it: apt-get install -y --no-install-recommends chromium chromium-l10n fonts-noto-cjk`;
  if (process.env.CI) {
    describe(name, () => {
      it('runs in a real browser', () => {
        throw new Error(`browser tests cannot run: ${why}`);
      });
    });
    return;
  }
  const line = '!'.repeat(100);
  console.warn(`${line}\n  BROWSER TESTS SKIPPED (${name}): ${why}\n${line}`);
  describe.skip(name, fn);
}

// Page-side expressions are strings: the project's tsconfig has no DOM lib.
const ROOT = path.join(__dirname, '..', '..');
export const SCREENSHOT_DIR = path.join(ROOT, 'docs', 'screenshots');

/** What went wrong on a page since the last check: console errors, uncaught exceptions, failed requests, 4xx/5xx. */
export interface Problems {
  console: string[];
  pageErrors: string[];
  failed: string[];
  responses: { status: number; url: string }[];
}

export interface BrowserRig {
  t: TestContext;
  baseUrl: string;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  problems: Problems;
  close(): Promise<void>;
}

/** The web UI built (skipped by build.mjs when src/web is unchanged), the app on a real port, one browser. */
export async function startRig(): Promise<BrowserRig> {
  execFileSync(process.execPath, [path.join(ROOT, 'src', 'web', 'build.mjs')], { cwd: ROOT, stdio: 'pipe' });
  const t = await createTestContext();
  await t.app.listen(0, '127.0.0.1');
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    env: { ...process.env, LANG: 'zh_CN.UTF-8' },
  });
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  const problems: Problems = { console: [], pageErrors: [], failed: [], responses: [] };
  page.on('console', (m) => {
    if (m.type() === 'error') problems.console.push(m.text());
  });
  page.on('pageerror', (e) => problems.pageErrors.push(String(e)));
  page.on('requestfailed', (r) => {
    const error = r.failure()?.errorText ?? '';
    // A read the browser dropped because the test navigated on (page.goto while the previous page
    // was still loading its data), as a person clicking away does: not a failure of the app. A
    // write dropped, or any other network error, still is.
    if (r.method() === 'GET' && error === 'net::ERR_ABORTED') return;
    problems.failed.push(`${r.method()} ${r.url()} ${error}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) problems.responses.push({ status: r.status(), url: r.url() });
  });
  return {
    t,
    baseUrl,
    browser,
    context,
    page,
    problems,
    async close() {
      await context.close().catch(() => undefined);
      await browser.close().catch(() => undefined);
      await t.close();
    },
  };
}

/**
 * The contract's checks of every page: lang zh-CN, a Chinese title, no sideways scrolling at 1366×768,
 * no raw undefined/NaN, and nothing wrong since the last check except the refusals `allow` names
 * (each a status with a path under /api/v1, e.g. [401, '/auth/login']).
 */
export async function expectSoundPage(rig: BrowserRig, allow: [number, string][] = []): Promise<void> {
  const { page, problems } = rig;
  await page.waitForLoadState('networkidle');
  expect(await page.evaluate<string>('document.documentElement.lang')).toBe('zh-CN');
  expect(await page.title()).toMatch(/[\u4e00-\u9fff]/);
  const widths = await page.evaluate<{ scroll: number; client: number }>(
    '({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })',
  );
  expect(widths.scroll).toBeLessThanOrEqual(widths.client);
  const text = await page.evaluate<string>('document.body.innerText');
  expect(text).not.toMatch(/\bundefined\b|\bNaN\b/);
  const allowed = (status: number, url: string) => allow.some(([s, p]) => s === status && new URL(url).pathname === `/api/v1${p}`);
  const unexpected = problems.responses.filter((r) => !allowed(r.status, r.url));
  // Chromium reports each refused request once more in the console ("Failed to load resource"): allowed with it.
  const consoleErrors = problems.console.filter((m) => !(/Failed to load resource: the server responded with a status of 4\d\d/.test(m) && problems.responses.some((r) => allowed(r.status, r.url))));
  const found = { unexpected, consoleErrors, pageErrors: [...problems.pageErrors], failed: [...problems.failed] };
  // Cleared before the verdict: one test's problems are reported once, not again by the next test.
  problems.console.length = 0;
  problems.pageErrors.length = 0;
  problems.failed.length = 0;
  problems.responses.length = 0;
  expect(found).toEqual({ unexpected: [], consoleErrors: [], pageErrors: [], failed: [] });
}

/** Signs in through the form, pressing Enter in 密码 as a person would. */
export async function signIn(rig: BrowserRig, username: string, password = TEST_PASSWORD): Promise<void> {
  const { page } = rig;
  await page.goto(`${rig.baseUrl}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByLabel('密码').press('Enter');
  await page.waitForURL((u) => u.pathname !== '/login');
  await page.waitForLoadState('networkidle'); // the start page's requests done before the next goto
}

export async function signOut(rig: BrowserRig): Promise<void> {
  await rig.page.getByRole('button', { name: '退出登录' }).click();
  await rig.page.waitForURL((u) => u.pathname === '/login');
}

/** Full-page screenshots for docs/screenshots, only when SAVE_SCREENSHOTS=1 (so a test run leaves the tree clean). */
export async function screenshot(rig: BrowserRig, name: string): Promise<void> {
  if (process.env.SAVE_SCREENSHOTS !== '1') return;
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await rig.page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}
