/**
 * Matching a tool's findings to the planted secrets: a planted secret is found when the tool
 * reports a finding in its file on one of its lines; a finding in a file with no planted secret
 * makes that file a flagged clean file; a finding in a planted file away from every planted
 * line is counted apart ("other-line findings").
 */
import type { PlantedSecret } from './corpus.js';

/** One reported problem, reduced to what matching needs (file relative to the corpus, `/`). */
export interface Hit {
  file: string;
  line: number;
  message: string;
}

export interface Match {
  found: Set<PlantedSecret>;
  /** Clean file → the findings in it. */
  cleanFlagged: Map<string, Hit[]>;
  otherLines: Hit[];
}

export function matchFindings(hits: readonly Hit[], secrets: readonly PlantedSecret[]): Match {
  const byFile = new Map<string, PlantedSecret[]>();
  for (const s of secrets) byFile.set(s.file, [...(byFile.get(s.file) ?? []), s]);
  const found = new Set<PlantedSecret>();
  const cleanFlagged = new Map<string, Hit[]>();
  const otherLines: Hit[] = [];
  for (const hit of hits) {
    const planted = byFile.get(hit.file);
    if (!planted) {
      cleanFlagged.set(hit.file, [...(cleanFlagged.get(hit.file) ?? []), hit]);
      continue;
    }
    const matched = planted.filter((s) => hit.line >= s.line && hit.line <= s.endLine);
    if (matched.length === 0) otherLines.push(hit);
    for (const s of matched) found.add(s);
  }
  return { found, cleanFlagged, otherLines };
}
