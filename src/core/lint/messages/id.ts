/** Lint advice in Indonesian. */
import type { Catalogue } from './types.js';

const part = (c: string | number) => ({ body: 'isi', header: 'header', footer: 'footer', 'buttons.text': 'teks tombol', 'buttons.url': 'URL tombol' })[String(c)] ?? String(c);
const keep = (c: string | number) => `jaga pesan ${String(c) === 'UTILITY' ? 'utilitas' : 'autentikasi'} tetap murni transaksional, atau ajukan promosinya sebagai template MARKETING terpisah`;
const recat = (cat: string | number) => `template ${cat} dengan konten promosi dikategorikan ulang sebagai MARKETING (harga dan batas marketing) atau ditolak`;

/** The lint findings' messages and suggestions in Indonesian. */
export const id: Catalogue = {
  abbreviation: (p) => [`"${p.term}" adalah singkatan tidak baku; template yang tidak ditulis dengan kata yang jelas dan lengkap ditolak`, `tulis lengkap: "${p.plain}"`],
  'buttons.too-many': (p) => [`${p.count} tombol: paling banyak 10 yang diizinkan`, 'hapus tombol, atau pindahkan pilihan ke pesan daftar'],
  'buttons.type-max': (p) => [`lebih dari ${p.max} tombol ${p.type}`, `gunakan paling banyak ${p.max}`],
  'buttons.no-text': (p) => [`tombol ${p.n} tidak punya teks`, 'beri label pada setiap tombol'],
  'buttons.quick-replies': () => ['tombol balasan cepat harus dikelompokkan, tidak dicampur dengan tombol URL, telepon, atau kode', 'letakkan semua balasan cepat di awal (atau di akhir), lalu tombol lainnya'],
  'formatting.blank-lines': () => ['lebih dari satu baris kosong berturut-turut', 'sisakan paling banyak satu baris kosong antarparagraf'],
  'formatting.spaces': () => ['5 spasi atau lebih berturut-turut', 'gunakan satu spasi (nilai dengan 5+ spasi juga ditolak saat kirim)'],
  'formatting.tab': () => ['karakter tab', 'gunakan spasi'],
  'formatting.punctuation': () => ['tanda baca berlebihan', 'gunakan satu "!" atau "?"'],
  'formatting.capitals': () => ['teks huruf kapital terbaca seperti berteriak', 'tulis dengan huruf kecil biasa'],
  'formatting.emoji-run': () => ['4 emoji atau lebih berturut-turut', 'gunakan sedikit emoji yang bermakna'],
  'formatting.emoji-count': (p) => [`${p.count} emoji di ${part(p.component)}`, 'cukup beberapa emoji saja'],
  'sensitive-data': (p) => [`template meminta "${p.term}": meminta nomor kartu, kata sandi, atau nomor identitas lewat WhatsApp melanggar kebijakan Meta dan membuat template ditolak`, 'jangan pernah meminta data rahasia di chat: arahkan ke situs atau aplikasi Anda yang aman (tombol URL)'],
  'url-shortener': (p) => [`"${p.url}" memakai penyingkat tautan ${p.host}; tautan singkat menyembunyikan tujuan dan membuat template ditolak`, 'gunakan tautan lengkap di domain Anda sendiri, sebaiknya di tombol URL'],
  'external-link': (p) => [`tautan "${p.url}" di teks ${part(p.component)}; tautan di teks diperiksa ketat, tidak bisa dilacak per tombol, dan menaikkan sinyal spam`, 'pindahkan tautan ke tombol URL (akhiran dinamis {{1}} dapat membawa bagian per pelanggan)'],
  'variable.footer': () => ['footer tidak boleh berisi variabel', 'pindahkan variabel ke isi'],
  'variable.malformed': (p) => [`variabel salah bentuk "${p.raw}"`, 'tulis sebagai {{1}}: dua kurung kurawal, angka, tanpa spasi'],
  'variable.malformed-named': (p) => [`variabel salah bentuk "${p.raw}"`, 'tulis sebagai {{nama}}: dua kurung kurawal, tanpa spasi, tanpa # $ %'],
  'variable.url-end': (p) => [`variabel ${p.raw} tidak berada di akhir URL`, 'letakkan bagian tetap (termasuk ?utm_...) sebelum variabel: Meta hanya menambahkan akhiran ke URL'],
  'variable.url-count': (p) => [`tombol URL hanya boleh satu variabel; ada ${p.count}`, 'sisakan satu variabel {{1}} di akhir URL'],
  'variable.header-count': (p) => [`header teks hanya boleh satu variabel; ada ${p.count}`, 'sisakan satu variabel di header dan pindahkan sisanya ke isi'],
  'variable.named-invalid': (p) => [`"${p.raw}" bukan nama variabel yang valid`, 'gunakan huruf kecil, angka, dan garis bawah, diawali huruf, mis. {{first_name}}'],
  'variable.named-in-positional': (p) => [`"${p.raw}" adalah variabel bernama, tetapi template-nya POSITIONAL`, 'beri nomor variabel {{1}}, {{2}} ... atau setel "parameter_format": "NAMED"'],
  'variable.repeated': (p) => [`variabel ${p.raw} dipakai lebih dari sekali`, 'beri setiap placeholder nomornya sendiri dan kirim nilainya dua kali'],
  'variable.gaps': (p) => [`variabel harus berurutan {{1}}..{{${p.max}}} tanpa celah; yang hilang ${p.missing}`, 'nomori ulang variabel secara berurutan dari {{1}}'],
  'variable-example.named': (p) => [`tidak ada contoh nilai untuk {{${p.name}}} di ${p.field}`, `tambahkan {"param_name": "${p.name}", "example": "..."} ke ${p.field}`],
  'variable-example.positional': (p) => [`tidak ada contoh nilai untuk variabel {{${p.name}}} di ${p.field}`, `tambahkan contoh realistis untuk setiap variabel: ${p.sample}`],
  'variable-example.media': (p) => [`header ${p.type} tidak punya contoh di example.header_handle`, 'unggah file contoh dengan Resumable Upload API lalu tambahkan handle-nya: "example": {"header_handle": ["4::..."]}'],
  'variable-example.url': (p) => ['tombol URL dinamis tidak punya contoh URL', `tambahkan "example": ["${p.example}"] ke tombol`],
  'variable.starts': (p) => [`isi diawali dengan variabel ${p.raw}`, 'awali dengan kata, mis. "Halo {{1}}, ..."'],
  'variable.ends': (p) => [`isi diakhiri dengan variabel ${p.raw}`, 'akhiri dengan kata atau kalimat setelah variabel, mis. "... {{2}}. Terima kasih!"'],
  'variable.adjacent': (p) => [`${p.a}${p.b}: variabel berdempetan`, 'beri kata di antara variabel, atau gabungkan menjadi satu variabel'],
  'variable.whitespace': (p) => [`${p.a} dan ${p.b} hanya dipisahkan spasi`, 'beri kata di antara variabel, atau gabungkan menjadi satu variabel'],
  'variable.density': (p) => [`${p.vars} variabel untuk ${p.words} kata: template terbaca seperti formulir kosong`, 'tulis lebih banyak teks tetap di sekitar variabel, atau kurangi variabel'],
  'name.empty': (p) => ['template tidak punya nama', `beri nama "${p.fixed}"`],
  'name.invalid': (p) => [`nama template "${p.name}" hanya boleh berisi huruf kecil, angka, dan garis bawah (maks. 512)`, `ganti nama menjadi "${p.fixed}"`],
  length: (p) => [`${part(p.what)}: ${p.chars} karakter, melebihi batas Meta ${p.max}`, `persingkat ${p.over} karakter`],
  'length.empty': () => ['isi kosong', 'tulis teks pesannya'],
  'discount-percentage': (p) => [`"${p.text}" adalah diskon persentase: membuat template bersifat promosi dan terbaca sebagai klaim yang tak bisa diverifikasi`, 'sebutkan nominal atau penawaran yang konkret, mis. "potongan Rp50.000 untuk belanja di atas Rp500.000", atau gunakan tombol kode kupon'],
  'promotional.discount': (p) => [`"${p.text}" adalah diskon: ${recat(p.category)}`, keep(p.category)],
  'promotional.words': (p) => [`"${p.text}" bersifat promosi: ${recat(p.category)}`, keep(p.category)],
  'one-time-code': (p) => [`"${p.text}" dengan variabel mengirim kode sekali pakai: Meta hanya mengizinkan kode di template AUTHENTICATION, jadi template ${p.category} ini ditolak`, 'kirim kode dengan template AUTHENTICATION (teks bawaan, tombol salin kode); biarkan template ini tentang pesanan atau akun'],
};
