/** Turkish texts of the sign-in panel and "my comments" (signin.js). */
import type { SigninTexts } from '../../signin-texts.js';

const tr: SigninTexts = {
  title: 'Giriş yap',
  why: 'İsteğe bağlı: adınız saklanır, yorumlarınızı sonradan düzenleyebilir, burada yazdıklarınızı görebilir ya da silebilirsiniz.',
  passkey: 'Geçiş anahtarıyla giriş yap',
  newName: 'Burada yeni misiniz? Adınız',
  register: 'Geçiş anahtarı oluştur',
  email: 'Ya da e-postayla bağlantı alın',
  sendLink: 'Bağlantı gönder',
  linkSent: 'Gelen kutunuza bakın: bağlantı, 15 dakika içinde bir kez giriş yapmanızı sağlar.',
  with: '{name} ile giriş yap',
  welcome: 'Giriş yaptınız.',
  as: 'Giriş yapan: {name}',
  mine: 'Yorumlarım',
  out: 'Çıkış yap',
  outAll: 'Her yerden çıkış yap',
  none: 'Bu sitede hiç yorumunuz yok.',
  export: 'İndir (JSON)',
  erase: 'Tüm yorumlarımı sil',
  confirmErase: 'Bu sitedeki tüm yorumlarınız silinsin mi? Bu işlem geri alınamaz.',
  erased: 'Yorumlarınız silindi.',
  close: 'Kapat',
};

export default tr;
