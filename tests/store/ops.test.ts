import { describe, expect, it } from 'vitest';
import { OPERATION_ALIASES } from '../../src/core/index.js';
import { operationMask, operationsInMask } from '../../src/shared/practice/ops.js';

const node = (op: string, distractor = false) => ({ op, distractor });

describe('operation masks (accuracy by operation)', () => {
  it('resolve names with the executor alias table, skipping distractors, const/identity and unknown names', () => {
    const mask = operationMask({ nodes: [
      node('const'), node(' Subtraction '), node('times'), node('DIVIDE', true), node('ratio_split'), node('identity'),
    ] });
    expect(operationsInMask(mask)).toEqual(['sub', 'mul']);
    expect(operationMask(null)).toBe(0);
  });

  it('know every alias the executor knows', () => {
    for (const [alias, op] of Object.entries(OPERATION_ALIASES)) {
      const expected = op === 'const' || op === 'identity' ? [] : [op];
      expect(operationsInMask(operationMask({ nodes: [node(alias)] }))).toEqual(expected);
    }
  });
});
