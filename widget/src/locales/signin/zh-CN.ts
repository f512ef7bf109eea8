/** Simplified Chinese texts of the sign-in panel and "my comments" (signin.js). */
import type { SigninTexts } from '../../signin-texts.js';

const zhCN: SigninTexts = {
  title: '登录',
  why: '可选：保留您的名字，以后编辑评论，查看或删除您在这里写的内容。',
  passkey: '使用通行密钥登录',
  newName: '第一次来？您的名字',
  register: '创建通行密钥',
  email: '或通过电子邮件获取链接',
  sendLink: '发送链接',
  linkSent: '请查看收件箱：该链接在 15 分钟内可登录一次。',
  with: '使用 {name} 登录',
  welcome: '您已登录。',
  as: '已登录为 {name}',
  mine: '我的评论',
  out: '退出登录',
  outAll: '在所有设备上退出',
  none: '您在本站没有评论。',
  export: '下载（JSON）',
  erase: '删除我的全部评论',
  confirmErase: '删除您在本站的全部评论？此操作无法撤销。',
  erased: '您的评论已删除。',
  close: '关闭',
};

export default zhCN;
