/** A small WordPress blog with date permalinks (`/2014/test/`) moving to Hugo (`/posts/test/`), for path-map tests. */

interface Post {
  link: string;
  title: string;
  closed?: boolean;
  comments: { id: number; parent?: number; at: string; author: string; email?: string; text: string }[];
}

const POSTS: Post[] = [
  {
    link: 'https://old.example/2014/test/',
    title: 'A test post',
    comments: [
      { id: 1, at: '2014-02-01 09:00:00', author: 'Ana', email: 'ana@example.org', text: 'Nice one.' },
      { id: 2, parent: 1, at: '2014-02-01 10:30:00', author: 'Ben', text: 'Agreed with Ana.' },
    ],
  },
  {
    link: 'https://old.example/2014/second/index.html',
    title: 'Second',
    closed: true,
    comments: [{ id: 3, at: '2014-06-05 12:00:00', author: 'Cleo', text: 'Closed now?' }],
  },
  {
    link: 'https://old.example/2013/11/old-news/',
    title: 'Old news',
    comments: [{ id: 4, at: '2013-11-20 08:15:00', author: 'Dev', text: 'From the archive.' }],
  },
  {
    link: 'https://old.example/about/',
    title: 'About',
    comments: [{ id: 5, at: '2015-01-01 00:00:00', author: 'Eve', text: 'Hello from about.' }],
  },
];

const comment = (c: Post['comments'][number]) => `
    <wp:comment>
      <wp:comment_id>${c.id}</wp:comment_id>
      <wp:comment_author><![CDATA[${c.author}]]></wp:comment_author>
      ${c.email ? `<wp:comment_author_email>${c.email}</wp:comment_author_email>` : ''}
      <wp:comment_date_gmt>${c.at}</wp:comment_date_gmt>
      <wp:comment_content><![CDATA[${c.text}]]></wp:comment_content>
      <wp:comment_approved>1</wp:comment_approved>
      <wp:comment_parent>${c.parent ?? 0}</wp:comment_parent>
    </wp:comment>`;

/** The blog's WXR export: four posts, five comments (one a reply), one thread closed. */
export function wordpressBlog(): string {
  const items = POSTS.map(
    (p) => `
  <item>
    <title>${p.title}</title>
    <link>${p.link}</link>
    <wp:comment_status>${p.closed ? 'closed' : 'open'}</wp:comment_status>${p.comments.map(comment).join('')}
  </item>`,
  ).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
  <title>Old blog</title>
  <link>https://old.example</link>${items}
</channel>
</rss>
`;
}

/** The move: every 2014 post by one prefix rule, the 2013 one by a mapper-CSV line; /about/ stays. */
export const PREFIX_RULE = '/2014/*=/posts/*';
export const MAPPER_CSV =
  'https://old.example/2013/11/old-news/, https://blog.example/posts/old-news/\n' +
  'https://old.example/2012/gone/, https://blog.example/posts/gone/\n';

/** Where each thread lands, with its comment count. */
export const MOVED = { '/posts/test/': 2, '/posts/second/': 1, '/posts/old-news/': 1, '/about/': 1 };
