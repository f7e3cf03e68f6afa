/** User text among the app's words: isolated, its direction controls shown rather than obeyed. */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { hasDirectionControls, isolateText, showDirectionControls } from '../../shared/bidi.js';
import { UserText } from './UserText.js';

const RLO = '\u202E';

describe('direction controls in user text', () => {
  it('are shown as marks, every kind, and plain text is unchanged', () => {
    expect(showDirectionControls(`${RLO}82`)).toBe('[U+202E]82');
    expect(showDirectionControls('\u202A\u202B\u202C\u202D\u2066\u2067\u2068\u2069')).toBe(
      '[U+202A][U+202B][U+202C][U+202D][U+2066][U+2067][U+2068][U+2069]');
    expect(showDirectionControls('মিনা ৫টি আম, x\u200Fy')).toBe('মিনা ৫টি আম, x\u200Fy'); // RLM is only a mark
    expect(hasDirectionControls(`a${RLO}`)).toBe(true);
    expect(hasDirectionControls('a')).toBe(false);
  });

  it('render inside <bdi> (UserText) or between FSI and PDI (isolateText)', () => {
    expect(renderToStaticMarkup(createElement(UserText, { text: `${RLO}82` }))).toBe('<bdi>[U+202E]82</bdi>');
    expect(isolateText(`${RLO}মিনা`)).toBe('\u2068[U+202E]মিনা\u2069');
  });
});
