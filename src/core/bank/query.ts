/**
 * Selecting problems from loaded sets by topic and grade: used by `bank list`, and by the
 * practice screen to offer problems. Pure TypeScript.
 */
import type { DistractorType, GradeBand, Problem, ProblemSet, Topic } from './schema.js';

export interface ProblemFilter {
  topic?: Topic;
  grade?: GradeBand;
}

/** One row of a listing: enough to choose a problem without loading its graphs into view. */
export interface ProblemSummary {
  setId: string;
  id: string;
  grade: GradeBand;
  topics: Topic[];
  text: string;
  answer: number;
  variants: number;
  distractorTypes: DistractorType[];
}

export function matchesFilter(problem: Problem, filter: ProblemFilter): boolean {
  if (filter.grade && problem.grade !== filter.grade) return false;
  if (filter.topic && !problem.topics.includes(filter.topic)) return false;
  return true;
}

export function summariseProblems(sets: ProblemSet[], filter: ProblemFilter = {}): ProblemSummary[] {
  const rows: ProblemSummary[] = [];
  for (const set of sets) {
    for (const problem of set.problems) {
      if (!matchesFilter(problem, filter)) continue;
      const types = new Set(problem.variants.flatMap((v) => v.distractors.map((d) => d.type)));
      rows.push({
        setId: set.id,
        id: problem.id,
        grade: problem.grade,
        topics: problem.topics,
        text: problem.clean.text,
        answer: problem.clean.answer,
        variants: problem.variants.length,
        distractorTypes: [...types].sort(),
      });
    }
  }
  return rows;
}
