/** Vietnamese texts of replies from elsewhere (remote.js). */
import type { RemoteTexts } from '../../remote-texts.js';

const t: RemoteTexts = {
  original: 'Xem bản gốc trên {source}',
  replyOn: 'Trả lời trên {source}',
  likes: { other: '{n} lượt thích' },
  reposts: { other: '{n} lượt chia sẻ lại' },
};

export default t;
