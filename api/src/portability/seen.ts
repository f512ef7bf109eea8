/**
 * What an import remembers of each comment it has taken, for the replies that follow: its page, its
 * depth and, when deleted, its date (to mark it as a placeholder). One number per comment, so 100,000
 * comments cost a few MB.
 */

export interface Seen {
  id: string;
  page: string;
  depth: number;
  /** Set when the comment is deleted: its creation date, which locates it to mark it a placeholder. */
  deletedAt?: string;
}

/** Depths above this are stored as this (the widget flattens deep replies anyway). */
const MAX_DEPTH = 1023;

export function createSeen(idOf: (sourceId: string) => string) {
  const packed = new Map<string, number>();
  const pageNos = new Map<string, number>();
  const pageList: string[] = [];
  const deletedAt = new Map<string, string>();
  return {
    has: (sourceId: string) => packed.has(sourceId),
    remember(sourceId: string, page: string, depth: number, deletedCreatedAt?: string) {
      let no = pageNos.get(page);
      if (no === undefined) {
        no = pageList.push(page) - 1;
        pageNos.set(page, no);
      }
      const value = (no * (MAX_DEPTH + 1) + Math.min(depth, MAX_DEPTH)) * 2 + (deletedCreatedAt ? 1 : 0);
      packed.set(sourceId, value);
      if (deletedCreatedAt) deletedAt.set(sourceId, deletedCreatedAt);
    },
    recall(sourceId: string): Seen | undefined {
      const value = packed.get(sourceId);
      if (value === undefined) return undefined;
      const rest = Math.floor(value / 2);
      const at = value % 2 === 1 ? deletedAt.get(sourceId) : undefined;
      return {
        id: idOf(sourceId),
        page: pageList[Math.floor(rest / (MAX_DEPTH + 1))]!,
        depth: rest % (MAX_DEPTH + 1),
        ...(at ? { deletedAt: at } : {}),
      };
    },
  };
}
