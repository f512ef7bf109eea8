/** Korean texts of the sign-in panel and "my comments" (signin.js). */
import type { SigninTexts } from '../../signin-texts.js';

const ko: SigninTexts = {
  title: '로그인',
  why: '선택 사항: 이름이 유지되고, 나중에 댓글을 수정하거나 여기에 쓴 글을 보고 지울 수 있습니다.',
  passkey: '패스키로 로그인',
  newName: '처음이신가요? 이름',
  register: '패스키 만들기',
  email: '또는 이메일로 링크 받기',
  sendLink: '링크 보내기',
  linkSent: '받은편지함을 확인하세요. 링크로 15분 안에 한 번 로그인할 수 있습니다.',
  with: '{name} 계정으로 로그인',
  welcome: '로그인되었습니다.',
  as: '{name} 계정으로 로그인됨',
  mine: '내 댓글',
  out: '로그아웃',
  outAll: '모든 기기에서 로그아웃',
  none: '이 사이트에 쓴 댓글이 없습니다.',
  export: '내려받기(JSON)',
  erase: '내 댓글 모두 지우기',
  confirmErase: '이 사이트에 쓴 댓글을 모두 지울까요? 되돌릴 수 없습니다.',
  erased: '댓글을 모두 지웠습니다.',
  close: '닫기',
};

export default ko;
