/**
 * Breadth-first neighbours over an edge source, the same walk for both adapters: one query per
 * hop for the whole frontier (so N hops cost N round trips, not one per node), stopping at the
 * depth or node limit.
 */
import type { GraphEdge, GraphNode, GraphResult } from '../intel-ports.js';
import type { CheckedNeighbours } from './query-checks.js';

/** Edges touching the frontier in the given direction (both: either end in the frontier). */
export type EdgeFetcher = (
  frontier: readonly string[],
  direction: 'out' | 'in',
  edgeTypes: readonly string[] | null,
) => Promise<GraphEdge[]>;

function typeOfId(id: string): string {
  const i = id.indexOf('--');
  return i > 0 ? id.slice(0, i) : id;
}

/**
 * @example await walkGraph('attack-pattern--…', { depth: 2, direction: 'both', edgeTypes: null, limit: 1000 }, fetch)
 */
export async function walkGraph(
  root: string,
  q: CheckedNeighbours,
  fetch: EdgeFetcher,
): Promise<GraphResult> {
  const nodes: GraphNode[] = [{ id: root, type: typeOfId(root), depth: 0 }];
  const seen = new Set([root]);
  const edges: GraphEdge[] = [];
  const edgeKeys = new Set<string>();
  const directions: ('out' | 'in')[] = q.direction === 'both' ? ['out', 'in'] : [q.direction];
  let frontier = [root];
  let truncated = false;
  for (let depth = 1; depth <= q.depth && frontier.length > 0 && !truncated; depth++) {
    const next: string[] = [];
    const inFrontier = new Set(frontier);
    for (const direction of directions) {
      for (const e of await fetch(frontier, direction, q.edgeTypes)) {
        const near = direction === 'out' ? e.source : e.target;
        const far = direction === 'out' ? e.target : e.source;
        if (!inFrontier.has(near)) continue;
        if (!seen.has(far)) {
          if (nodes.length >= q.limit) {
            truncated = true;
            continue;
          }
          seen.add(far);
          nodes.push({ id: far, type: typeOfId(far), depth });
          next.push(far);
        }
        const key = `${e.id}\n${e.type}\n${e.source}\n${e.target}`;
        if (!edgeKeys.has(key)) {
          edgeKeys.add(key);
          edges.push(e);
        }
      }
    }
    frontier = next;
  }
  return { root, nodes, edges, truncated };
}
