/** Indonesian word lists. */
import type { LanguageWords } from '../types.js';

/** Indonesian word lists. */
export const id: LanguageWords = {
  abbreviations: {
    yg: 'yang',
    gak: 'tidak',
    gk: 'tidak',
    bgt: 'banget / sangat',
    tdk: 'tidak',
    dgn: 'dengan',
    utk: 'untuk',
    krn: 'karena',
    sdh: 'sudah',
    blm: 'belum',
    trims: 'terima kasih',
    mksh: 'terima kasih',
  },
  discountWords: ['diskon', 'potongan', 'hemat', 'promo', 'cashback', 'off'],
  promotional: ['promo', 'diskon', 'penawaran', 'kupon', 'voucher', 'beli sekarang', 'belanja sekarang', 'hanya hari ini', 'waktu terbatas', 'eksklusif', 'jangan lewatkan', 'gratis', 'flash sale'],
  sensitive: ['nomor kartu', 'kata sandi', 'password', 'PIN', 'kode OTP', 'OTP', 'NIK', 'nomor rekening', 'paspor'],
  requestVerbs: ['kirim', 'kirimkan', 'balas', 'bagikan', 'konfirmasi', 'masukkan', 'berikan', 'sebutkan'],
  negations: ['jangan', 'tidak', 'tidak pernah', 'siapa pun'],
};
