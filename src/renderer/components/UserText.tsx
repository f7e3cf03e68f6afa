/**
 * User or model text shown among the app's own words (a name, a typed answer, a note): isolated
 * in a <bdi>, with its direction controls shown as marks instead of obeyed (src/shared/bidi.ts),
 * so "‮82" reads as typed and nothing after it is reordered.
 */
import { showDirectionControls } from '../../shared/bidi.js';

export function UserText({ text }: { text: string }) {
  return <bdi>{showDirectionControls(text)}</bdi>;
}
