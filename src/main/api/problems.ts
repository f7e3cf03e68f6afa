/**
 * The bank as the practice screens see it: every problem's clean version and each distractor
 * variant is one practice item, with its own id (the problem id, or the variant id; both are
 * unique across all sets). Built once from the loaded sets; filtering is in memory (a few
 * hundred items).
 */
import { analyse } from '../../core/index.js';
import type { Problem, ProblemSet, ProblemVersion } from '../../core/bank/schema.js';
import type { Graph } from '../../core/graph/types.js';
import { DaggerApiError, type ProblemDetail, type ProblemPage, type ProblemSummary } from '../../shared/api.js';
import type { ParsedRequest } from '../../shared/schemas.js';

export interface BankItem {
  summary: ProblemSummary;
  problem: Problem;
  version: ProblemVersion;
  distractors: Array<{ text: string; type: ProblemSummary['distractorTypes'][number] }>;
}

export class ProblemCatalogue {
  private readonly items: BankItem[] = [];
  private readonly byId = new Map<string, BankItem>();

  constructor(sets: readonly ProblemSet[]) {
    for (const set of sets) {
      for (const problem of set.problems) {
        this.add(set, problem, problem.clean, null, []);
        for (const variant of problem.variants) this.add(set, problem, variant, variant.id, variant.distractors);
      }
    }
  }

  get size(): number {
    return this.items.length;
  }

  private add(
    set: ProblemSet,
    problem: Problem,
    version: ProblemVersion,
    variantId: string | null,
    distractors: BankItem['distractors'],
  ): void {
    const itemId = variantId ?? problem.id;
    if (this.byId.has(itemId)) return; // the bank validator reports duplicates; keep the first
    const summary: ProblemSummary = {
      itemId,
      problemId: problem.id,
      variantId,
      setId: set.id,
      grade: problem.grade,
      topics: problem.topics,
      distractorTypes: [...new Set(distractors.map((d) => d.type))].sort(),
      text: version.text,
      ...(problem.unit ? { unit: problem.unit } : {}),
    };
    const item = { summary, problem, version, distractors };
    this.items.push(item);
    this.byId.set(itemId, item);
  }

  list(filter: ParsedRequest<'listProblems'>): ProblemPage {
    const search = filter.search?.trim().toLowerCase();
    const matching = this.items.filter(({ summary }) => {
      if (filter.topic && !summary.topics.includes(filter.topic)) return false;
      if (filter.grade && summary.grade !== filter.grade) return false;
      if (filter.distractorType && !summary.distractorTypes.includes(filter.distractorType)) return false;
      if (filter.version === 'clean' && summary.variantId !== null) return false;
      if (filter.version === 'distractor' && summary.variantId === null) return false;
      if (search && !summary.text.toLowerCase().includes(search) && !summary.itemId.includes(search)) return false;
      return true;
    });
    return {
      items: matching.slice(filter.offset, filter.offset + filter.limit).map((item) => item.summary),
      total: matching.length,
    };
  }

  find(itemId: string): BankItem | undefined {
    return this.byId.get(itemId);
  }

  get(itemId: string): ProblemDetail {
    const item = this.byId.get(itemId);
    if (!item) throw new DaggerApiError('NOT_FOUND', `no problem "${itemId}" in the bank`, { itemId });
    // The bank's nodes have optional args/distractor; the core Graph type has them filled in.
    const graph: Graph = {
      nodes: item.version.graph.nodes.map((node) => ({
        ...node,
        args: node.args ?? [],
        distractor: node.distractor ?? false,
      })),
    };
    return {
      ...item.summary,
      answer: item.version.answer,
      graph,
      distractors: item.distractors,
      ignoredNumbers: item.version.ignoredNumbers,
      analysis: analyse(graph, item.version.text),
    };
  }
}
