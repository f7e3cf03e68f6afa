/**
 * The user's settings in <dataDir>/settings.json: the contract's `Settings` (language, digits,
 * theme, text size, selected model, current profile) plus main-only keys such as the window's
 * size and position. The CLI reads `modelPath` from the same file, so the key names are shared.
 *
 * A damaged or hand-edited file never stops the app: unreadable or invalid values fall back to
 * their defaults (the rest is kept). Writes go to a temporary file renamed over the old one, so
 * a crash mid-write cannot leave half a file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { settingsSchema } from '../../shared/schemas.js';
import type { Settings } from '../../shared/api.js';
import { dataPaths } from './paths.js';

export const windowStateSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(400).max(10_000),
  height: z.number().int().min(300).max(10_000),
  maximized: z.boolean().default(false),
});
export type WindowState = z.infer<typeof windowStateSchema>;

/** Everything the file holds. Unknown keys are kept untouched (a newer version may add some). */
interface SettingsFile extends Settings {
  window?: WindowState;
  [key: string]: unknown;
}

export class SettingsService {
  private readonly file: string;
  private current: SettingsFile;

  constructor(dataDir: string) {
    this.file = dataPaths(dataDir).settings;
    this.current = this.read();
  }

  /** The contract's view (no main-only keys). */
  get(): Settings {
    // Re-read: the CLI (and the model service) may have changed the file since.
    this.current = this.read();
    const { language, digits, theme, textSize, modelPath, currentProfileId } = this.current;
    return { language, digits, theme, textSize, modelPath, currentProfileId };
  }

  update(patch: Partial<Settings>): Settings {
    const next = { ...this.read() };
    for (const [key, value] of Object.entries(patch)) if (value !== undefined) next[key] = value;
    this.current = { ...next, ...settingsSchema.parse(next) };
    this.write();
    return this.get();
  }

  getWindowState(): WindowState | null {
    return this.current.window ?? null;
  }

  setWindowState(state: WindowState): void {
    this.current = { ...this.read(), window: windowStateSchema.parse(state) };
    this.write();
  }

  private read(): SettingsFile {
    let raw: unknown;
    try {
      raw = JSON.parse(fs.readFileSync(this.file, 'utf8'));
    } catch {
      raw = {}; // missing or unreadable: start from defaults (the file is rewritten on change)
    }
    const object = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
    // Validate key by key so one bad value does not throw away the others.
    const settings: Record<string, unknown> = {};
    const shape = settingsSchema.shape;
    for (const key of Object.keys(shape) as Array<keyof typeof shape>) {
      const parsed = shape[key].safeParse(object[key]);
      settings[key] = parsed.success ? parsed.data : shape[key].parse(undefined);
    }
    const window = windowStateSchema.safeParse(object.window);
    return {
      ...object,
      ...(settings as Settings),
      window: window.success ? window.data : undefined,
    };
  }

  private write(): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, `${JSON.stringify(this.current, null, 2)}\n`);
    fs.renameSync(temporary, this.file);
  }
}
