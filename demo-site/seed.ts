/**
 * The demo blog's first start (`npm start`): a few comments on the post built with its thread, so it shows
 * them without JavaScript. Posted once per data directory, through the API as any server-side client would.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The demo post whose page holds its thread's HTML fragment (README, "No JavaScript"). */
export const NO_SCRIPT_POST = '/posts/without-javascript/';

const COMMENTS: { name: string; body: string; replyTo?: number }[] = [
  {
    name: 'Ines',
    body: 'I read this with JavaScript switched off, and the comments were there all the same.',
  },
  {
    name: 'Tomasz',
    body: 'Same here in a text browser. The *reply* even sits under the comment it answers.',
    replyTo: 0,
  },
  { name: 'Mara', body: 'And with scripts on, nothing jumped when the comment box appeared.' },
];

/** Posts the comments unless this data directory had them once; true when it posted them now. */
export async function seedNoScriptPost(apiUrl: string, site: string, dataDir: string): Promise<boolean> {
  const marker = join(dataDir, 'demo-no-script-seeded');
  if (existsSync(marker)) return false;
  const ids: string[] = [];
  for (const c of COMMENTS) {
    const res = await fetch(`${apiUrl}/api/v1/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        site,
        page: NO_SCRIPT_POST,
        title: 'Comments that need no script',
        body: c.body,
        author: { name: c.name },
        ...(c.replyTo === undefined ? {} : { parentId: ids[c.replyTo] }),
      }),
    });
    if (res.status !== 201) throw new Error(`seeding ${NO_SCRIPT_POST}: ${res.status} ${await res.text()}`);
    ids.push(((await res.json()) as { comment: { id: string } }).comment.id);
  }
  writeFileSync(marker, `${new Date().toISOString()}\n`);
  return true;
}
