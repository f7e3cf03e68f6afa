import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SettingsService } from './settings.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dagger-settings-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('SettingsService', () => {
  it('starts from Bangla-first defaults when there is no file', () => {
    expect(new SettingsService(tempDir()).get()).toEqual({
      language: 'bn', digits: 'bn', theme: 'system', textSize: 'medium', modelPath: null, currentProfileId: null,
    });
  });

  it('persists updates and keeps keys it does not know (the CLI shares the file)', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'settings.json'), JSON.stringify({ modelPath: '/m/a.gguf', futureKey: { x: 1 } }));
    const settings = new SettingsService(dir);
    settings.update({ language: 'en', textSize: 'large' });
    settings.setWindowState({ x: 10, y: 20, width: 1000, height: 700, maximized: false });
    const file = JSON.parse(fs.readFileSync(path.join(dir, 'settings.json'), 'utf8'));
    expect(file).toMatchObject({ language: 'en', textSize: 'large', modelPath: '/m/a.gguf', futureKey: { x: 1 }, window: { width: 1000 } });
    expect(new SettingsService(dir).get()).toMatchObject({ language: 'en', modelPath: '/m/a.gguf' });
    expect(new SettingsService(dir).getWindowState()).toEqual({ x: 10, y: 20, width: 1000, height: 700, maximized: false });
  });

  it('sees changes another process made to the file', () => {
    const dir = tempDir();
    const settings = new SettingsService(dir);
    settings.update({ theme: 'dark' });
    fs.writeFileSync(path.join(dir, 'settings.json'), JSON.stringify({ theme: 'dark', modelPath: '/m/b.gguf' }));
    expect(settings.get().modelPath).toBe('/m/b.gguf');
    settings.update({ language: 'en' });
    expect(new SettingsService(dir).get()).toMatchObject({ language: 'en', theme: 'dark', modelPath: '/m/b.gguf' });
  });

  it('a damaged or hand-edited file never stops the app: bad values fall back, good ones stay', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'settings.json'), '{"language": "fr", "theme": "dark", "window": {"width": 5}}');
    const settings = new SettingsService(dir);
    expect(settings.get()).toMatchObject({ language: 'bn', theme: 'dark' });
    expect(settings.getWindowState()).toBeNull();
    fs.writeFileSync(path.join(dir, 'settings.json'), '{ truncated');
    expect(new SettingsService(dir).get().language).toBe('bn');
  });
});
