/** Traditional Chinese texts of replies from elsewhere (remote.js). */
import type { RemoteTexts } from '../../remote-texts.js';

const t: RemoteTexts = {
  original: '在 {source} 查看原文',
  replyOn: '在 {source} 回覆',
  likes: { other: '{n} 個讚' },
  reposts: { other: '{n} 次轉貼' },
};

export default t;
