/** The Hugging Face token stores: never plain text on disk, forgotten on request, HF_TOKEN as a fallback. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EncryptedTokenStore, MemoryTokenStore, type TokenCipher } from '../../src/main/services/models/hub/token-store.js';

/** Stands in for Electron's safeStorage (absent outside Electron): a keyed XOR, enough to see no plain text. */
function cipher(available = true): TokenCipher {
  const key = 0x5a;
  return {
    isAvailable: () => available,
    encrypt: (text) => Buffer.from([...Buffer.from(text)].map((b) => b ^ key)),
    decrypt: (data) => Buffer.from([...data].map((b) => b ^ key)).toString(),
  };
}

describe('Hugging Face token stores', () => {
  it('keeps the token encrypted in the data folder and forgets it on request', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dagger-token-'));
    const file = path.join(dir, 'hf-token.bin');
    const store = new EncryptedTokenStore(file, cipher());
    expect(store.state()).toEqual({ saved: false, storage: null });
    store.set('hf_secret_value_123');
    expect(fs.readFileSync(file).toString('latin1')).not.toContain('hf_secret');
    expect(new EncryptedTokenStore(file, cipher()).get()).toBe('hf_secret_value_123');
    expect(store.state()).toEqual({ saved: true, storage: 'encrypted' });
    store.set(null);
    expect(fs.existsSync(file)).toBe(false);
    expect(() => new EncryptedTokenStore(file, cipher(false)).set('hf_x_12345678')).toThrow(/no secure storage/);
    expect(fs.existsSync(file)).toBe(false);
    fs.rmSync(dir, { recursive: true });
  });

  it('in the browser host and CLI: a token given while running, else HF_TOKEN', () => {
    const store = new MemoryTokenStore({ HF_TOKEN: 'hf_from_env_1234' });
    expect(store.get()).toBe('hf_from_env_1234');
    expect(store.state()).toEqual({ saved: true, storage: 'env' });
    store.set('hf_typed_5678');
    expect(store.get()).toBe('hf_typed_5678');
    expect(store.state()).toEqual({ saved: true, storage: 'memory' });
    expect(new MemoryTokenStore({}).state()).toEqual({ saved: false, storage: null });
  });
});
