/** Japanese texts of replies from elsewhere (remote.js). */
import type { RemoteTexts } from '../../remote-texts.js';

const t: RemoteTexts = {
  original: '{source}で元の投稿を見る',
  replyOn: '{source}で返信',
  likes: { other: 'いいね {n}件' },
  reposts: { other: 'リポスト {n}件' },
};

export default t;
