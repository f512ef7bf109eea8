/** Korean texts of replies from elsewhere (remote.js). */
import type { RemoteTexts } from '../../remote-texts.js';

const t: RemoteTexts = {
  original: '{source}에서 원문 보기',
  replyOn: '{source}에서 답글 달기',
  likes: { other: '좋아요 {n}개' },
  reposts: { other: '공유 {n}회' },
};

export default t;
