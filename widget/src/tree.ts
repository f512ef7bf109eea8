/** Turns the flat comment list into a tree: nested up to maxDepth, deeper replies flat with "in reply to". */
import type { Comment } from './api.js';

export interface Node {
  c: Comment;
  kids: Node[];
  /** Name of the author replied to, when the reply is shown flat beside its parent. */
  to?: string;
}

export function buildTree(list: readonly Comment[], maxDepth: number): Node[] {
  const nodes = new Map<string, Node>();
  for (const c of list) nodes.set(c.id, { c, kids: [] });
  const roots: Node[] = [];
  for (const n of nodes.values()) {
    const parent = n.c.parentId ? nodes.get(n.c.parentId) : undefined;
    if (parent && parent !== n) parent.kids.push(n);
    else roots.push(n);
  }
  const place = (n: Node, level: number, out: Node[]) => {
    out.push(n);
    const kids = n.kids;
    n.kids = [];
    for (const k of kids) {
      if (level < maxDepth) place(k, level + 1, n.kids);
      else {
        k.to = n.c.author.name;
        place(k, level, out);
      }
    }
  };
  const out: Node[] = [];
  for (const r of roots.filter((r) => r.c.pinned).concat(roots.filter((r) => !r.c.pinned))) place(r, 0, out);
  return out;
}
