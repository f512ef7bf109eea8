/** A generated Disqus export in its documented shape (threads, then posts with replies naming parents), for import tests. */

export interface DisqusFileOptions {
  pages: number;
  perPage: number;
  /** Posts page by page (the default) or one of each page in turn, so every round of writes spans many pages. */
  interleave?: boolean;
  /** Which posts reply to the one before (default: every third). */
  replies?: (i: number) => boolean;
  /** Which posts are deleted or spam (default: none). */
  kind?: (i: number) => 'approved' | 'deleted' | 'spam';
  /** The thread's link (default `https://blog.example/posts/<t>/`). */
  link?: (t: number) => string;
  forum?: string;
}

export function disqusFile(o: DisqusFileOptions): string {
  const replies = o.replies ?? ((i: number) => i % 3 === 2);
  const kind = o.kind ?? (() => 'approved' as const);
  const link = o.link ?? ((t: number) => `https://blog.example/posts/${t}/`);
  const forum = o.forum ? `<forum>${o.forum}</forum>` : '';
  const parts = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">',
  ];
  for (let t = 0; t < o.pages; t++)
    parts.push(`<thread dsq:id="t${t}">${forum}<link>${link(t)}</link><title>Post ${t}</title></thread>`);
  const post = (t: number, i: number) => {
    const parent = i > 0 && replies(i) ? `<parent dsq:id="p${t}-${i - 1}" />` : '';
    const at = new Date(Date.UTC(2021, 0, 1, t % 24, Math.floor(t / 24), 0) + i * 1000).toISOString();
    parts.push(
      `<post dsq:id="p${t}-${i}"><message><![CDATA[<p>marker p${t}-${i}</p>]]></message>` +
        `<createdAt>${at}</createdAt><isDeleted>${kind(i) === 'deleted'}</isDeleted><isSpam>${kind(i) === 'spam'}</isSpam>` +
        `<author><name>Reader ${i}</name><isAnonymous>true</isAnonymous></author><thread dsq:id="t${t}" />${parent}</post>`,
    );
  };
  if (o.interleave) for (let i = 0; i < o.perPage; i++) for (let t = 0; t < o.pages; t++) post(t, i);
  else for (let t = 0; t < o.pages; t++) for (let i = 0; i < o.perPage; i++) post(t, i);
  parts.push('</disqus>');
  return parts.join('\n');
}
