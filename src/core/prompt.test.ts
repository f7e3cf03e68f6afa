import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readDaggerFixture } from '../../tests/support/dagger-fixtures.js';
import { DAGGER_PROMPT_TEMPLATE, buildDaggerPrompt, daggerPromptPrefix, renderUserPrompt } from './prompt.js';

const QUESTION = 'রাজুর কাছে ৫টি আম আছে। সে আরও ৩টি কিনল। তার কাছে এখন কয়টি আম?';

describe('DAGGER prompt', () => {
  it('copies the shared template verbatim', () => {
    expect(DAGGER_PROMPT_TEMPLATE).toBe(readDaggerFixture('user-prompt-template.txt'));
  });

  it('matches the golden prompt: Gemma wrapping, trimmed content, literal braces, no system turn', () => {
    const prompt = buildDaggerPrompt(QUESTION);
    expect(prompt.startsWith('<bos><start_of_turn>user\nYou are an expert Bengali Math Reasoner.')).toBe(true);
    expect(prompt.endsWith(`Question:\n${QUESTION}\n\nOutput:<end_of_turn>\n<start_of_turn>model\n`)).toBe(true);
    expect(prompt).toContain('```json\n{\n  "nodes": [\n    {"id": "n1", "op": "const", "val": 122195,');
    expect(prompt).not.toContain('{{');
    expect(prompt).not.toContain('{question}');
    expect(prompt.match(/<start_of_turn>/g)).toHaveLength(2);
    expect(prompt.match(/<bos>/g)).toHaveLength(1);
    expect(prompt.length).toBe(2277 - '{question}'.length + QUESTION.length - '\n'.length - 16 /* 16 × "{{" or "}}" */ + '<bos><start_of_turn>user\n<end_of_turn>\n<start_of_turn>model\n'.length);
  });

  it('is pinned: SHA-256 computed independently with Python str.format + strip + Gemma wrapping', () => {
    const hash = crypto.createHash('sha256').update(buildDaggerPrompt(QUESTION)).digest('hex');
    expect(hash).toBe('6f2f01709de375f96539c54699832ed240c684eab0531e9f7074a4f86f9a3209');
  });

  it('inserts the question once, leaving braces in it alone', () => {
    const rendered = renderUserPrompt('a {{b}} {question} c');
    expect(rendered).toContain('Question:\na {{b}} {question} c\n\nOutput:');
  });

  it('has a question-independent prefix that every prompt starts with', () => {
    const prefix = daggerPromptPrefix();
    expect(prefix.endsWith('### Your Task:\nQuestion:\n')).toBe(true);
    expect(buildDaggerPrompt(QUESTION).startsWith(prefix)).toBe(true);
    expect(buildDaggerPrompt('x').startsWith(prefix)).toBe(true);
  });
});
