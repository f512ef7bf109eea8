/** Threading: replies under their parents up to maxDepth, deeper ones flat with "in reply to". */
import { describe, expect, it } from 'vitest';
import type { Comment } from './api.js';
import { buildTree, type Node } from './tree.js';

let n = 0;
function c(id: string, parentId: string | null = null, extra: Partial<Comment> = {}): Comment {
  return {
    id,
    parentId,
    depth: 0,
    author: { name: `name-${id}`, avatar: 'abcdef012345' },
    html: `<p>${id}</p>`,
    createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, n++)).toISOString(),
    score: 0,
    status: 'approved',
    ...extra,
  };
}

/** A compact picture of a tree: `id(to)[kids]`. */
function shape(nodes: Node[]): string {
  return nodes
    .map((x) => `${x.c.id}${x.to ? `(${x.to})` : ''}${x.kids.length ? `[${shape(x.kids)}]` : ''}`)
    .join(' ');
}

describe('buildTree', () => {
  it('nests replies under their parents in list order', () => {
    const list = [c('a'), c('b'), c('a1', 'a'), c('a2', 'a'), c('a1x', 'a1')];
    expect(shape(buildTree(list, 5))).toBe('a[a1[a1x] a2] b');
  });

  it('attaches replies that come before their parents (newest first)', () => {
    const list = [c('a1', 'a'), c('b'), c('a')];
    expect(shape(buildTree(list, 5))).toBe('b a[a1]');
  });

  it('shows replies deeper than maxDepth flat beside their parent, saying whom they answer', () => {
    const list = [c('a'), c('b', 'a'), c('c', 'b'), c('d', 'c')];
    expect(shape(buildTree(list, 1))).toBe('a[b c(name-b) d(name-c)]');
    expect(shape(buildTree(list, 0))).toBe('a b(name-a) c(name-b) d(name-c)');
  });

  it('keeps replies whose parent is not loaded as top-level comments', () => {
    expect(shape(buildTree([c('x', 'missing'), c('y')], 5))).toBe('x y');
  });

  it('puts pinned top-level comments first and ignores duplicates and self-parents', () => {
    const list = [c('a'), c('b', null, { pinned: true }), c('a'), c('s', 's')];
    expect(shape(buildTree(list, 5))).toBe('b a s');
  });
});
