/**
 * The exact input DAGGER was trained on (../shared/dagger/FORMAT.md): the DAGGER user prompt with the
 * question filled in, wrapped in Gemma-3's chat template as a single user turn, no system turn.
 * Pure text; tokenising it (with special tokens) happens in the inference service.
 */

/**
 * The DAGGER user-prompt template, verbatim (the project's own contract with the model). As in the
 * Python original, `{{` and `}}` stand for literal braces and `{question}` is replaced.
 * A golden test compares it with tests/fixtures/dagger/user-prompt-template.txt (a copy of ../shared/dagger/user-prompt-template.txt).
 */
export const DAGGER_PROMPT_TEMPLATE = `You are an expert Bengali Math Reasoner. Your task is to solve mathematical problems by constructing a "Computational Graph".

### Graph Rules:
- \`id\`: Unique identifier (e.g., "n1", "n2").
- \`val\`: The raw number extracted from text (for input nodes).
- \`op\`: The operation (\`add\`, \`sub\`, \`mul\`, \`div\`, \`round\`, \`sqrt\`, \`floor\`, \`sum\`, \`mean\`, \`ratio_split\`). Use \`const\` for input numbers.
- \`args\`: List of input node IDs.
- \`distractor\`: Boolean (\`true\` / \`false\`). Set to \`true\` if the node is NOT used in the final calculation path.
- \`label\`: Label for the node.

### Available Operations:
- Input: \`const\` (Use this for all numbers found in text or constants).
- Arithmetic: \`add\`, \`sub\`, \`mul\`, \`div\`, \`abs\` (absolute difference).
- Logic/Stats: \`sum\`, \`mean\`, \`min\` (minimum), \`max\` (maximum).
- Rounding: \`round\` (nearest int), \`floor\` (round down), \`ceil\` (round up).
- Advanced: \`sqrt\`, \`pow\`, \`mod\` (remainder), \`gcd\`, \`lcm\`.
- Output: \`identity\` ("final_result" points to the answer node)

Only output a JSON graph representing the solution, nothing else. Nodes must be topologically sorted, and there must be exactly one "final_result" node that represents the final answer. One example is provided below.

### Example:
Question:
মিনার কাছে ১২২১৯৫ টা কলম আছে। রাজুর কাছে ২৫০৮৪ টা কলম আছে। মিনা রাজুর কাছে ১১২৬ টি কলম চাইল। রাজু ১০০০ টি কলম দিতে রাজি হল, কিন্তু পরে আর দিলেনা। প্রতিটি কলমের দাম ৪৫.৬ টাকা। মিনা যদি কলমগুলো বিক্রি করতে চায়, সে কত টাকা পাবে?

Output:
\`\`\`json
{{
  "nodes": [
    {{"id": "n1", "op": "const", "val": 122195, "distractor": false, "label": "মিনার কলম"}},
    {{"id": "n2", "op": "const", "val": 25084, "distractor": true, "label": "রাজুর কলম"}},
    {{"id": "n3", "op": "const", "val": 1126, "distractor": true, "label": "মিনা রাজুর কাছে চাইল"}},
    {{"id": "n4", "op": "const", "val": 1000, "distractor": true, "label": "রাজু দিতে রাজি হল"}},
    {{"id": "n5", "op": "const", "val": 45.6, "distractor": false, "label": "প্রতিটি কলমের দাম"}},
    {{"id": "total_money", "op": "mul", "args": ["n1", "n5"], "distractor": false, "label": "মিনার মোট টাকা"}},
    {{"id": "final_result", "op": "identity", "args": ["total_money"], "distractor": false, "label": "চূড়ান্ত উত্তর"}}
  ]
}}
\`\`\`

### Your Task:
Question:
{question}

Output:
`;

/** Gemma-3's turn markers; `<bos>` is written as text and tokenised as the special token. */
export const GEMMA_BOS = '<bos>';
export const GEMMA_USER_TURN_START = '<start_of_turn>user\n';
export const GEMMA_TURN_END = '<end_of_turn>\n';
export const GEMMA_MODEL_TURN_START = '<start_of_turn>model\n';

/** Fills the template like Python's str.format: one pass, so braces inside the question stay as written. */
export function renderUserPrompt(question: string): string {
  return DAGGER_PROMPT_TEMPLATE.replace(/\{\{|\}\}|\{question\}/g, (match) =>
    match === '{{' ? '{' : match === '}}' ? '}' : question,
  );
}

/**
 * Gemma-3's chat template for one user message and the generation prompt. The template trims the
 * message content, which removes the DAGGER template's final newline after "Output:".
 */
export function wrapGemmaUserTurn(content: string): string {
  return `${GEMMA_BOS}${GEMMA_USER_TURN_START}${content.trim()}${GEMMA_TURN_END}${GEMMA_MODEL_TURN_START}`;
}

/** The full text the model sees for `question` (BOS written as `<bos>`). */
export function buildDaggerPrompt(question: string): string {
  return wrapGemmaUserTurn(renderUserPrompt(question));
}

/**
 * The part of every prompt before the question. It is identical for all problems, so the inference
 * service keeps its evaluated state and only evaluates what follows.
 */
export function daggerPromptPrefix(): string {
  const marker = '\u0000';
  const full = wrapGemmaUserTurn(renderUserPrompt(marker));
  return full.slice(0, full.indexOf(marker));
}
