/** How the UI tests pick their browser (e2e/browser.ts): CHROMIUM_PATH, a system Chromium, Playwright's own, else what to install. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { describe, expect, it } from 'vitest';
import { findChromium } from '../../e2e/browser.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dagger-browser-'));
const fakeChromium = path.join(dir, 'chromium');
fs.writeFileSync(fakeChromium, '');
const playwrightsOwn = fs.existsSync(chromium.executablePath());

describe('findChromium', () => {
  it('uses CHROMIUM_PATH first, and says so', () => {
    const choice = findChromium({ CHROMIUM_PATH: fakeChromium }, ['/usr/bin/chromium']);
    expect(choice).toEqual({ executablePath: fakeChromium, found: true, description: `browser: ${fakeChromium} (CHROMIUM_PATH)` });
  });

  it('refuses a CHROMIUM_PATH that does not exist instead of looking elsewhere', () => {
    const choice = findChromium({ CHROMIUM_PATH: path.join(dir, 'missing') }, [fakeChromium]);
    expect(choice.found).toBe(false);
    expect(choice.description).toMatch(/CHROMIUM_PATH=.*missing does not exist/);
  });

  it('else takes the first system browser that exists', () => {
    const choice = findChromium({}, [path.join(dir, 'absent'), fakeChromium]);
    expect(choice).toMatchObject({ executablePath: fakeChromium, found: true });
    expect(choice.description).toMatch(/system Chromium/);
  });

  it('else Playwright\'s own browser when installed, or one line saying what to install', () => {
    const choice = findChromium({}, [path.join(dir, 'absent')]);
    expect(choice.executablePath).toBeUndefined();
    if (playwrightsOwn) {
      expect(choice).toMatchObject({ found: true, description: expect.stringMatching(/Playwright's Chromium/) });
    } else {
      expect(choice.found).toBe(false);
      expect(choice.description).toMatch(/no Chromium found: .*apt-get install chromium.*npx playwright install chromium.*CHROMIUM_PATH/);
      expect(choice.description).not.toContain('\n');
    }
  });
});
