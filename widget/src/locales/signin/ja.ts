/** Japanese texts of the sign-in panel and "my comments" (signin.js). */
import type { SigninTexts } from '../../signin-texts.js';

const ja: SigninTexts = {
  title: 'ログイン',
  why: '任意です：名前を保持し、あとからコメントを編集し、ここに書いたものを確認・削除できます。',
  passkey: 'パスキーでログイン',
  newName: 'はじめての方：お名前',
  register: 'パスキーを作成',
  email: 'またはメールでリンクを受け取る',
  sendLink: 'リンクを送信',
  linkSent: '受信トレイを確認してください。リンクは15分以内に1回だけ使えます。',
  with: '{name}でログイン',
  welcome: 'ログインしました。',
  as: '{name}としてログイン中',
  mine: '自分のコメント',
  out: 'ログアウト',
  outAll: 'すべての端末でログアウト',
  none: 'このサイトにあなたのコメントはありません。',
  export: 'ダウンロード（JSON）',
  erase: '自分のコメントをすべて削除',
  confirmErase: 'このサイトのあなたのコメントをすべて削除しますか？元に戻せません。',
  erased: 'コメントを削除しました。',
  close: '閉じる',
};

export default ja;
