/**
 * Where the Hugging Face access token is kept. It is read only to build the Hub requests'
 * Authorization header and never written in plain text or logged.
 *   EncryptedTokenStore  the desktop app: a file in the data folder holding the token encrypted
 *                        with the OS keychain's key (Electron safeStorage, passed in as `cipher`);
 *   MemoryTokenStore     the browser host and the CLI: HF_TOKEN from the environment, or a token
 *                        given while it runs, forgotten when it stops.
 */
import fs from 'node:fs';
import type { HubTokenState } from '../../../../shared/api.js';

export interface HubTokenStore {
  get(): string | null;
  set(token: string | null): void;
  state(): HubTokenState;
}

export class MemoryTokenStore implements HubTokenStore {
  private token: string | null = null;
  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {}

  get(): string | null {
    return this.token ?? (this.env.HF_TOKEN || null);
  }

  set(token: string | null): void {
    this.token = token;
  }

  state(): HubTokenState {
    if (this.token) return { saved: true, storage: 'memory' };
    return this.env.HF_TOKEN ? { saved: true, storage: 'env' } : { saved: false, storage: null };
  }
}

/** What Electron's safeStorage offers (encryptString / decryptString with the OS's key). */
export interface TokenCipher {
  isAvailable(): boolean;
  encrypt(text: string): Buffer;
  decrypt(data: Buffer): string;
}

export class EncryptedTokenStore implements HubTokenStore {
  constructor(private readonly file: string, private readonly cipher: TokenCipher) {}

  get(): string | null {
    if (!fs.existsSync(this.file) || !this.cipher.isAvailable()) return null;
    try {
      return this.cipher.decrypt(fs.readFileSync(this.file));
    } catch {
      return null; // another user's or machine's key: as if none were saved
    }
  }

  /** Refuses rather than falling back to plain text when the OS offers no encryption. */
  set(token: string | null): void {
    if (token === null) {
      fs.rmSync(this.file, { force: true });
      return;
    }
    if (!this.cipher.isAvailable()) throw new Error('this computer offers no secure storage for the token; set HF_TOKEN in the environment instead');
    const temp = `${this.file}.tmp`;
    fs.writeFileSync(temp, this.cipher.encrypt(token), { mode: 0o600 });
    fs.renameSync(temp, this.file);
  }

  state(): HubTokenState {
    return this.get() ? { saved: true, storage: 'encrypted' } : { saved: false, storage: null };
  }
}
