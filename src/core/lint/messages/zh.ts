/** Lint advice in Chinese (simplified). */
import type { Catalogue } from './types.js';

const part = (c: string | number) => ({ body: '正文', header: '标题', footer: '页脚', 'buttons.text': '按钮文字', 'buttons.url': '按钮链接' })[String(c)] ?? String(c);
const keep = (c: string | number) => `让${String(c) === 'UTILITY' ? '通知' : '验证'}消息保持纯事务性，或把促销内容作为单独的 MARKETING 模板提交`;
const recat = (cat: string | number) => `含促销内容的 ${cat} 模板会被重新归类为 MARKETING（按营销计费并受营销限额约束）或被拒绝`;

/** The lint findings' messages and suggestions in Chinese. */
export const zh: Catalogue = {
  abbreviation: (p) => [`"${p.term}" 是不规范的缩写；未使用清晰完整词语的模板会被拒绝`, `写全称："${p.plain}"`],
  'buttons.too-many': (p) => [`${p.count} 个按钮：最多允许 10 个`, '删除部分按钮，或改用列表消息提供选项'],
  'buttons.type-max': (p) => [`${p.type} 按钮超过 ${p.max} 个`, `最多保留 ${p.max} 个`],
  'buttons.no-text': (p) => [`第 ${p.n} 个按钮没有文字`, '为每个按钮设置标签'],
  'buttons.quick-replies': () => ['快速回复按钮必须放在一起，不能与链接、电话或复制码按钮混排', '先放（或最后放）全部快速回复，再放其他按钮'],
  'formatting.blank-lines': () => ['连续出现多个空行', '段落之间最多保留一个空行'],
  'formatting.spaces': () => ['连续 5 个或更多空格', '只用一个空格（含 5 个以上空格的参数在发送时也会被拒绝）'],
  'formatting.tab': () => ['制表符', '改用空格'],
  'formatting.punctuation': () => ['标点过多', '只用一个“!”或“?”'],
  'formatting.capitals': () => ['全大写文字读起来像在喊叫', '使用正常的大小写'],
  'formatting.emoji-run': () => ['连续 4 个或更多表情符号', '少用表情符号，用得有意义'],
  'formatting.emoji-count': (p) => [`${part(p.component)}中有 ${p.count} 个表情符号`, '表情符号控制在几个以内'],
  'sensitive-data': (p) => [`模板要求提供"${p.term}"：通过 WhatsApp 索取卡号、密码或证件号码违反 Meta 政策，模板会被拒绝`, '切勿在聊天中索取机密信息：改为链接到您的安全网站或应用（链接按钮）'],
  'url-shortener': (p) => [`"${p.url}" 使用了短链接服务 ${p.host}；短链接会隐藏真实目标，模板会被拒绝`, '使用您自有域名的完整链接，最好放在链接按钮中'],
  'external-link': (p) => [`${part(p.component)}中含链接 "${p.url}"；正文中的链接审核严格、无法按按钮统计，并会提高垃圾信息信号`, '把链接移到链接按钮中（动态后缀 {{1}} 可承载每位客户的部分）'],
  'variable.footer': () => ['页脚不能包含变量', '把变量移到正文'],
  'variable.malformed': (p) => [`变量格式错误 "${p.raw}"`, '写成 {{1}}：两层花括号、一个数字、不含空格'],
  'variable.malformed-named': (p) => [`变量格式错误 "${p.raw}"`, '写成 {{name}}：两层花括号、不含空格、不含 # $ %'],
  'variable.url-end': (p) => [`变量 ${p.raw} 不在链接末尾`, '把固定部分（包括 ?utm_...）放在变量前面：Meta 只在链接末尾追加后缀'],
  'variable.url-count': (p) => [`链接按钮只能有一个变量，现有 ${p.count} 个`, '只在链接末尾保留一个变量 {{1}}'],
  'variable.header-count': (p) => [`文字标题最多只能有一个变量，现有 ${p.count} 个`, '标题中保留一个变量，其余移到正文'],
  'variable.named-invalid': (p) => [`"${p.raw}" 不是有效的变量名`, '使用小写字母、数字和下划线，并以字母开头，例如 {{first_name}}'],
  'variable.named-in-positional': (p) => [`"${p.raw}" 是命名变量，但模板为 POSITIONAL`, '把变量编号为 {{1}}、{{2}} ……，或设置 "parameter_format": "NAMED"'],
  'variable.repeated': (p) => [`变量 ${p.raw} 被使用了不止一次`, '为每个占位符使用独立编号，并把值传两次'],
  'variable.gaps': (p) => [`变量必须从 {{1}} 连续编号到 {{${p.max}}}；缺少 ${p.missing}`, '从 {{1}} 开始按顺序重新编号'],
  'variable-example.named': (p) => [`${p.field} 中没有 {{${p.name}}} 的示例值`, `在 ${p.field} 中添加 {"param_name": "${p.name}", "example": "..."}`],
  'variable-example.positional': (p) => [`${p.field} 中没有变量 {{${p.name}}} 的示例值`, `为每个变量添加真实的示例：${p.sample}`],
  'variable-example.media': (p) => [`${p.type} 标题在 example.header_handle 中没有示例`, '用 Resumable Upload API 上传示例文件并添加其 handle："example": {"header_handle": ["4::..."]}'],
  'variable-example.url': (p) => ['动态链接按钮没有示例链接', `为按钮添加 "example": ["${p.example}"]`],
  'variable.starts': (p) => [`正文以变量 ${p.raw} 开头`, '以文字开头，例如"您好 {{1}}，……"'],
  'variable.ends': (p) => [`正文以变量 ${p.raw} 结尾`, '在变量后用文字或句子结尾，例如"…… {{2}}。谢谢！"'],
  'variable.adjacent': (p) => [`${p.a}${p.b}：变量紧挨在一起`, '在变量之间加入文字，或合并为一个变量'],
  'variable.whitespace': (p) => [`${p.a} 和 ${p.b} 之间只有空白`, '在变量之间加入文字，或合并为一个变量'],
  'variable.density': (p) => [`${p.words} 个词的文字里有 ${p.vars} 个变量：模板读起来像一张空白表格`, '在变量周围写更多固定文字，或减少变量'],
  'name.empty': (p) => ['模板没有名称', `命名为 "${p.fixed}"`],
  'name.invalid': (p) => [`模板名称 "${p.name}" 只能包含小写字母、数字和下划线（最多 512 个）`, `改名为 "${p.fixed}"`],
  length: (p) => [`${part(p.what)}有 ${p.chars} 个字符，超过 Meta 的上限 ${p.max}`, `删减 ${p.over} 个字符`],
  'length.empty': () => ['正文为空', '填写消息正文'],
  'discount-percentage': (p) => [`"${p.text}" 是百分比折扣：会让模板被视为促销，并像一个无法核实的承诺`, '写出具体金额或优惠，例如"满 300 元减 30 元"，或使用优惠码按钮'],
  'promotional.discount': (p) => [`"${p.text}" 是折扣：${recat(p.category)}`, keep(p.category)],
  'promotional.words': (p) => [`"${p.text}" 是促销内容：${recat(p.category)}`, keep(p.category)],
  'one-time-code': (p) => [`带变量的"${p.text}"会发送一次性验证码：Meta 只允许在 AUTHENTICATION 模板中发送验证码，因此这个 ${p.category} 模板会被拒绝`, '请用 AUTHENTICATION 模板发送验证码（预设文本，带复制验证码按钮）；本模板只保留订单或账户相关内容'],
};
