/** Lint advice in Turkish. */
import type { Catalogue } from './types.js';

const part = (c: string | number) => ({ body: 'gövde', header: 'başlık', footer: 'alt bilgi', 'buttons.text': 'düğme metni', 'buttons.url': 'düğme URL’si' })[String(c)] ?? String(c);
const keep = (c: string | number) => `${String(c) === 'UTILITY' ? 'hizmet' : 'kimlik doğrulama'} mesajını tamamen işlemsel tutun ya da promosyonu ayrı bir MARKETING şablonu olarak gönderin`;
const recat = (cat: string | number) => `promosyon içeren bir ${cat} şablonu MARKETING olarak yeniden sınıflandırılır (pazarlama fiyatı ve limitleri) ya da reddedilir`;

/** The lint findings' messages and suggestions in Turkish. */
export const tr: Catalogue = {
  abbreviation: (p) => [`"${p.term}" standart olmayan bir kısaltma; açık ve tam kelimelerle yazılmayan şablonlar reddedilir`, `açık yazın: "${p.plain}"`],
  'buttons.too-many': (p) => [`${p.count} düğme: en fazla 10 düğmeye izin verilir`, 'düğmeleri azaltın ya da seçenekleri bir liste mesajına taşıyın'],
  'buttons.type-max': (p) => [`${p.max} taneden fazla ${p.type} düğmesi`, `en fazla ${p.max} kullanın`],
  'buttons.no-text': (p) => [`${p.n}. düğmenin metni yok`, 'her düğmeye bir etiket verin'],
  'buttons.quick-replies': () => ['hızlı yanıt düğmeleri bir arada olmalı; URL, telefon veya kod düğmeleriyle karışmamalı', 'önce (ya da en sona) tüm hızlı yanıtları, sonra diğer düğmeleri koyun'],
  'formatting.blank-lines': () => ['art arda birden fazla boş satır', 'paragraflar arasında en fazla bir boş satır bırakın'],
  'formatting.spaces': () => ['art arda 5 veya daha fazla boşluk', 'tek boşluk kullanın (5+ boşluklu değerler gönderimde de reddedilir)'],
  'formatting.tab': () => ['bir sekme karakteri', 'boşluk kullanın'],
  'formatting.punctuation': () => ['aşırı noktalama', 'tek bir "!" veya "?" kullanın'],
  'formatting.capitals': () => ['büyük harfli metin bağırmak gibi okunur', 'normal büyük/küçük harfle yazın'],
  'formatting.emoji-run': () => ['art arda 4 veya daha fazla emoji', 'az ve anlamlı emoji kullanın'],
  'formatting.emoji-count': (p) => [`${part(p.component)} içinde ${p.count} emoji`, 'birkaç emojiyle yetinin'],
  'sensitive-data': (p) => [`şablon "${p.term}" istiyor: WhatsApp üzerinden kart numarası, şifre veya kimlik numarası istemek Meta politikalarını ihlal eder ve şablon reddedilir`, 'sohbette asla gizli bilgi istemeyin: güvenli web sitenize veya uygulamanıza yönlendirin (URL düğmesi)'],
  'url-shortener': (p) => [`"${p.url}" ${p.host} bağlantı kısaltıcısını kullanıyor; kısaltılmış bağlantılar hedefi gizler ve şablon reddedilir`, 'kendi alan adınızdaki tam bağlantıyı, tercihen bir URL düğmesinde kullanın'],
  'external-link': (p) => [`${part(p.component)} metninde "${p.url}" bağlantısı; metindeki bağlantılar sıkı incelenir, düğme bazında izlenemez ve spam sinyalini artırır`, 'bağlantıyı bir URL düğmesine taşıyın (dinamik {{1}} eki müşteriye özel kısmı taşır)'],
  'variable.footer': () => ['alt bilgi değişken içeremez', 'değişkeni gövdeye taşıyın'],
  'variable.malformed': (p) => [`hatalı değişken "${p.raw}"`, '{{1}} olarak yazın: iki süslü parantez, bir sayı, boşluksuz'],
  'variable.malformed-named': (p) => [`hatalı değişken "${p.raw}"`, '{{ad}} olarak yazın: iki süslü parantez, boşluksuz, # $ % olmadan'],
  'variable.url-end': (p) => [`${p.raw} değişkeni URL'nin sonunda değil`, "sabit kısmı (?utm_... dahil) değişkenin önüne koyun: Meta URL'ye yalnızca bir sonek ekler"],
  'variable.url-count': (p) => [`URL düğmesi tek değişken alır; ${p.count} tane var`, "URL'nin sonunda tek bir {{1}} değişkeni bırakın"],
  'variable.header-count': (p) => [`metin başlığı en fazla bir değişken alır; ${p.count} tane var`, 'başlıkta bir değişken bırakıp diğerlerini gövdeye taşıyın'],
  'variable.named-invalid': (p) => [`"${p.raw}" geçerli bir değişken adı değil`, 'küçük harf, rakam ve alt çizgi kullanın, harfle başlayın, ör. {{first_name}}'],
  'variable.named-in-positional': (p) => [`"${p.raw}" adlandırılmış bir değişken ama şablon POSITIONAL`, 'değişkenleri {{1}}, {{2}} ... diye numaralandırın ya da "parameter_format": "NAMED" ayarlayın'],
  'variable.repeated': (p) => [`${p.raw} değişkeni birden fazla kez kullanılmış`, 'her yer tutucuya kendi numarasını verin ve değeri iki kez gönderin'],
  'variable.gaps': (p) => [`değişkenler boşluksuz {{1}}..{{${p.max}}} sırasıyla gitmeli; eksik: ${p.missing}`, 'değişkenleri {{1}}’den başlayarak sırayla yeniden numaralandırın'],
  'variable-example.named': (p) => [`${p.field} içinde {{${p.name}}} için örnek değer yok`, `${p.field} alanına {"param_name": "${p.name}", "example": "..."} ekleyin`],
  'variable-example.positional': (p) => [`${p.field} içinde {{${p.name}}} değişkeni için örnek değer yok`, `her değişken için gerçekçi bir örnek ekleyin: ${p.sample}`],
  'variable-example.media': (p) => [`${p.type} başlığının example.header_handle içinde örneği yok`, 'Resumable Upload API ile örnek bir dosya yükleyin ve handle değerini ekleyin: "example": {"header_handle": ["4::..."]}'],
  'variable-example.url': (p) => ['dinamik URL düğmesinin örnek URL’si yok', `düğmeye "example": ["${p.example}"] ekleyin`],
  'variable.starts': (p) => [`gövde ${p.raw} değişkeniyle başlıyor`, 'bir kelimeyle başlayın, ör. "Merhaba {{1}}, ..."'],
  'variable.ends': (p) => [`gövde ${p.raw} değişkeniyle bitiyor`, 'değişkenden sonra bir kelime ya da cümleyle bitirin, ör. "... {{2}}. Teşekkürler!"'],
  'variable.adjacent': (p) => [`${p.a}${p.b}: bitişik değişkenler`, 'değişkenlerin arasına kelimeler koyun ya da onları tek değişkende birleştirin'],
  'variable.whitespace': (p) => [`${p.a} ile ${p.b} yalnızca boşlukla ayrılmış`, 'değişkenlerin arasına kelimeler koyun ya da onları tek değişkende birleştirin'],
  'variable.density': (p) => [`${p.words} kelimelik metin için ${p.vars} değişken: şablon boş bir form gibi okunuyor`, 'değişkenlerin çevresine daha fazla sabit metin yazın ya da daha az değişken kullanın'],
  'name.empty': (p) => ['şablonun adı yok', `adını "${p.fixed}" koyun`],
  'name.invalid': (p) => [`"${p.name}" şablon adı yalnızca küçük harf, rakam ve alt çizgi içerebilir (en fazla 512)`, `adını "${p.fixed}" olarak değiştirin`],
  length: (p) => [`${part(p.what)}: ${p.chars} karakter, Meta’nın ${p.max} sınırını aşıyor`, `${p.over} karakter kısaltın`],
  'length.empty': () => ['gövde boş', 'mesaj metnini yazın'],
  'discount-percentage': (p) => [`"${p.text}" yüzdelik bir indirim: şablonu promosyon yapar ve doğrulanamaz bir vaat gibi okunur`, 'somut bir tutar ya da teklif yazın, ör. "500 TL üzeri alışverişte 50 TL indirim", ya da kupon kodu düğmesi kullanın'],
  'promotional.discount': (p) => [`"${p.text}" bir indirim: ${recat(p.category)}`, keep(p.category)],
  'promotional.words': (p) => [`"${p.text}" promosyon içeriği: ${recat(p.category)}`, keep(p.category)],
  'one-time-code': (p) => [`değişkenli "${p.text}" tek kullanımlık kod gönderir: Meta kodlara yalnızca AUTHENTICATION şablonlarında izin verir, bu ${p.category} şablonu reddedilir`, 'kodları AUTHENTICATION şablonuyla gönderin (hazır metin, kodu kopyalama düğmesi); bu şablonu sipariş veya hesapla ilgili tutun'],
};
