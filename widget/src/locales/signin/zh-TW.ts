/** Traditional Chinese texts of the sign-in panel and "my comments" (signin.js). */
import type { SigninTexts } from '../../signin-texts.js';

const zhTW: SigninTexts = {
  title: '登入',
  why: '非必要：保留你的名稱，日後可以編輯留言，並查看或清除你在這裡寫過的內容。',
  passkey: '使用密碼金鑰登入',
  newName: '第一次來嗎？你的名稱',
  register: '建立密碼金鑰',
  email: '或透過電子郵件取得連結',
  sendLink: '寄送連結給我',
  linkSent: '請查看收件匣：此連結可在 15 分鐘內登入一次。',
  with: '使用 {name} 登入',
  welcome: '你已登入。',
  as: '目前登入身分：{name}',
  mine: '我的留言',
  out: '登出',
  outAll: '登出所有裝置',
  none: '你在這個網站還沒有留言。',
  export: '下載（JSON）',
  erase: '清除我所有的留言',
  confirmErase: '要清除你在這個網站的所有留言嗎？此動作無法復原。',
  erased: '你的留言已清除。',
  close: '關閉',
};

export default zhTW;
