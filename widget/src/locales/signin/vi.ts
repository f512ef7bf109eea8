/** Vietnamese texts of the sign-in panel and "my comments" (signin.js). */
import type { SigninTexts } from '../../signin-texts.js';

const vi: SigninTexts = {
  title: 'Đăng nhập',
  why: 'Không bắt buộc: giữ tên của bạn, sửa bình luận sau này, và xem hoặc xóa những gì bạn đã viết ở đây.',
  passkey: 'Đăng nhập bằng khóa truy cập',
  newName: 'Lần đầu đến đây? Tên của bạn',
  register: 'Tạo khóa truy cập',
  email: 'Hoặc nhận liên kết qua email',
  sendLink: 'Gửi liên kết cho tôi',
  linkSent: 'Hãy kiểm tra hộp thư: liên kết giúp bạn đăng nhập một lần, trong vòng 15 phút.',
  with: 'Đăng nhập bằng {name}',
  welcome: 'Bạn đã đăng nhập.',
  as: 'Đã đăng nhập với tên {name}',
  mine: 'Bình luận của tôi',
  out: 'Đăng xuất',
  outAll: 'Đăng xuất khỏi mọi nơi',
  none: 'Bạn chưa có bình luận nào trên trang này.',
  export: 'Tải xuống (JSON)',
  erase: 'Xóa tất cả bình luận của tôi',
  confirmErase: 'Xóa tất cả bình luận của bạn trên trang này? Không thể hoàn tác.',
  erased: 'Đã xóa các bình luận của bạn.',
  close: 'Đóng',
};

export default vi;
