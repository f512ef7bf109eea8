/** Moderators' notes on authors: one item per author and site (`NOTE#<site>`, `<kind>#<hash>`), read and written whole. */
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './client.js';
import { keys } from './keys.js';

export interface AuthorNoteItem {
  type: 'authorNote';
  pk: string;
  sk: string;
  site: string;
  /** How the author is known: `email` (keyed email hash). */
  kind: 'email';
  hash: string;
  text: string;
  /** The moderator who wrote the current text. */
  by: string;
  updatedAt: string;
}

const isNote = (item: unknown): item is AuthorNoteItem =>
  typeof item === 'object' &&
  item !== null &&
  (item as { type?: unknown }).type === 'authorNote' &&
  typeof (item as { text?: unknown }).text === 'string';

export function createAuthorNoteStore(db: Db) {
  return {
    async get(site: string, kind: 'email', hash: string): Promise<AuthorNoteItem | undefined> {
      const { Item } = await db.doc.send(
        new GetCommand({ TableName: db.table, Key: keys.authorNote(site, kind, hash), ConsistentRead: true }),
      );
      return isNote(Item) && Item.site === site ? Item : undefined;
    },

    /** Replaces the note; empty text removes it. Returns what is stored now. */
    async put(
      site: string,
      kind: 'email',
      hash: string,
      note: { text: string; by: string; at: string },
    ): Promise<AuthorNoteItem | undefined> {
      const key = keys.authorNote(site, kind, hash);
      if (note.text === '') {
        await db.doc.send(new DeleteCommand({ TableName: db.table, Key: key }));
        return undefined;
      }
      const item: AuthorNoteItem = {
        type: 'authorNote',
        ...key,
        site,
        kind,
        hash,
        text: note.text,
        by: note.by,
        updatedAt: note.at,
      };
      await db.doc.send(new PutCommand({ TableName: db.table, Item: item }));
      return item;
    },
  };
}

export type AuthorNoteStore = ReturnType<typeof createAuthorNoteStore>;
