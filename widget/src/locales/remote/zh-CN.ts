/** Simplified Chinese texts of replies from elsewhere (remote.js). */
import type { RemoteTexts } from '../../remote-texts.js';

const t: RemoteTexts = {
  original: '在 {source} 查看原文',
  replyOn: '在 {source} 上回复',
  likes: { other: '{n} 个赞' },
  reposts: { other: '{n} 次转发' },
};

export default t;
