import { describe, expect, it } from 'vitest';
import { bn } from './bn.js';
import { en } from './en.js';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('i18n catalogues', () => {
  const bnLeaves = leaves(bn as unknown as Tree);
  const enLeaves = leaves(en as unknown as Tree);

  it('have exactly the same keys', () => {
    expect([...enLeaves.keys()].sort()).toEqual([...bnLeaves.keys()].sort());
  });

  it('use the same placeholders for every key', () => {
    for (const [key, text] of bnLeaves) {
      expect({ key, p: placeholders(enLeaves.get(key) ?? '') }).toEqual({ key, p: placeholders(text) });
    }
  });

  it('have no empty strings', () => {
    for (const [key, text] of [...bnLeaves, ...enLeaves]) expect({ key, empty: text.trim() === '' }).toEqual({ key, empty: false });
  });

  it('has Bangla text in the Bangla catalogue (not English left untranslated)', () => {
    // Keys whose text is a code, not a sentence, are the same in both languages.
    const codes = new Set(['distractor.REDShort', 'distractor.OADShort', 'distractor.NEEDShort', 'common.none', 'common.unit']);
    for (const [key, text] of bnLeaves) {
      if (codes.has(key)) continue;
      expect({ key, bangla: /[\u0980-\u09FF]/.test(text) }).toEqual({ key, bangla: true });
    }
  });
});
