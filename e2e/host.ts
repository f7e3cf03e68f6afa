/**
 * Which app a UI spec is driving: the browser host in Chromium (project "browser") or the real
 * desktop app through `_electron.launch` (project "electron"). The specs are the same; the few
 * things that differ (how the app is opened, how a test calls the contract directly, the native
 * file dialogs) go through the page's AppHost, which e2e/fixtures.ts records for every page.
 */
import type { ElectronApplication, Page } from '@playwright/test';
import type { Envelope } from '../src/shared/api.js';

export type HostKind = 'browser' | 'electron';

export interface AppHost {
  readonly kind: HostKind;
  /** Shows the app from its start, as a freshly opened window does. */
  open(): Promise<void>;
  /** Calls the contract directly (to learn a bank answer the test then types like a student). */
  call<T>(method: string, request: unknown): Promise<T>;
  /** The desktop app's main process (to answer its native file dialogs); null in the browser. */
  readonly electron: ElectronApplication | null;
}

const hosts = new WeakMap<Page, AppHost>();

export function registerHost(page: Page, host: AppHost): void {
  hosts.set(page, host);
}

export function hostOf(page: Page): AppHost {
  const host = hosts.get(page);
  if (!host) throw new Error('this page was not made by e2e/fixtures.ts: import `test` from ./fixtures.js, not @playwright/test');
  return host;
}

export function appUrl(): string {
  const url = process.env.DAGGER_E2E_URL;
  if (!url) throw new Error('DAGGER_E2E_URL is not set: run through e2e/playwright.config.ts (global-setup starts the browser host)');
  return url;
}

function unwrap<T>(method: string, envelope: Envelope<unknown>): T {
  if (!envelope.ok) throw new Error(`${method}: ${envelope.error.message}`);
  return envelope.value as T;
}

/** The browser host: the page opens its address (with the token); the test calls its HTTP API. */
export function browserHost(page: Page): AppHost {
  return {
    kind: 'browser',
    electron: null,
    async open() {
      await page.goto(appUrl());
    },
    async call<T>(method: string, request: unknown): Promise<T> {
      const url = new URL(appUrl());
      const response = await page.request.post(`${url.origin}/api/${method}`, {
        headers: { 'x-dagger-token': process.env.DAGGER_E2E_TOKEN ?? url.searchParams.get('token') ?? '' },
        data: request,
      });
      return unwrap<T>(method, (await response.json()) as Envelope<unknown>);
    },
  };
}

/** The desktop app: its window already shows the app; the test calls through the preload bridge. */
export function electronHost(app: ElectronApplication, page: Page): AppHost {
  return {
    kind: 'electron',
    electron: app,
    async open() {
      // Back to the first screen and a fresh page, as the browser's new page per test starts.
      // (A hash change and a reload are not navigations the app refuses.)
      await page.evaluate(() => { window.location.hash = ''; });
      await page.reload();
    },
    async call<T>(method: string, request: unknown): Promise<T> {
      const envelope = await page.evaluate(([m, r]) => window.dagger!.call(m, r), [method, request] as const);
      return unwrap<T>(method, envelope);
    },
  };
}
