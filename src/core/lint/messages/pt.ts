/** Lint advice in Portuguese. */
import type { Catalogue } from './types.js';

const part = (c: string | number) => ({ body: 'corpo', header: 'cabeçalho', footer: 'rodapé', 'buttons.text': 'texto do botão', 'buttons.url': 'URL do botão' })[String(c)] ?? String(c);
const keep = (c: string | number) => `mantenha a mensagem de ${String(c) === 'UTILITY' ? 'utilidade' : 'autenticação'} estritamente transacional, ou envie a promoção como um modelo MARKETING separado`;
const recat = (cat: string | number) => `um modelo ${cat} com conteúdo promocional é recategorizado como MARKETING (com preço e limites de marketing) ou rejeitado`;

/** The lint findings' messages and suggestions in Portuguese. */
export const pt: Catalogue = {
  abbreviation: (p) => [`"${p.term}" é uma abreviação fora do padrão; modelos que não usam palavras claras e completas são rejeitados`, `escreva por extenso: "${p.plain}"`],
  'buttons.too-many': (p) => [`${p.count} botões: no máximo 10 são permitidos`, 'remova botões ou passe as opções para uma mensagem de lista'],
  'buttons.type-max': (p) => [`mais de ${p.max} botão/botões ${p.type}`, `use no máximo ${p.max}`],
  'buttons.no-text': (p) => [`o botão ${p.n} não tem texto`, 'dê um rótulo a cada botão'],
  'buttons.quick-replies': () => ['botões de resposta rápida devem ficar juntos, não misturados com botões de URL, telefone ou código', 'coloque todas as respostas rápidas primeiro (ou por último) e depois os outros botões'],
  'formatting.blank-lines': () => ['mais de uma linha em branco seguida', 'deixe no máximo uma linha em branco entre parágrafos'],
  'formatting.spaces': () => ['5 ou mais espaços seguidos', 'use um único espaço (valores com 5+ espaços também são recusados no envio)'],
  'formatting.tab': () => ['um caractere de tabulação', 'use espaços'],
  'formatting.punctuation': () => ['pontuação excessiva', 'use um único "!" ou "?"'],
  'formatting.capitals': () => ['texto em maiúsculas parece um grito', 'escreva em letras minúsculas com inicial maiúscula'],
  'formatting.emoji-run': () => ['4 ou mais emojis seguidos', 'use poucos emojis, com sentido'],
  'formatting.emoji-count': (p) => [`${p.count} emojis no ${part(p.component)}`, 'use só alguns emojis'],
  'sensitive-data': (p) => [`o modelo pede "${p.term}": pedir números de cartão, senhas ou números de documento pelo WhatsApp viola as políticas da Meta e leva à rejeição`, 'nunca peça dados secretos no chat: indique seu site ou app seguro (botão de URL)'],
  'url-shortener': (p) => [`"${p.url}" usa o encurtador ${p.host}; links encurtados escondem o destino e levam à rejeição`, 'use o link completo do seu próprio domínio, de preferência num botão de URL'],
  'external-link': (p) => [`link "${p.url}" no texto do ${part(p.component)}; links no texto são revisados com rigor, não podem ser medidos por botão e aumentam o sinal de spam`, 'passe o link para um botão de URL (um sufixo dinâmico {{1}} leva a parte de cada cliente)'],
  'variable.footer': () => ['o rodapé não pode conter variáveis', 'mova a variável para o corpo'],
  'variable.malformed': (p) => [`variável malformada "${p.raw}"`, 'escreva como {{1}}: duas chaves, um número, sem espaços'],
  'variable.malformed-named': (p) => [`variável malformada "${p.raw}"`, 'escreva como {{nome}}: duas chaves, sem espaços, sem # $ %'],
  'variable.url-end': (p) => [`a variável ${p.raw} não está no fim da URL`, 'coloque a parte fixa (também ?utm_...) antes da variável: a Meta só acrescenta um sufixo à URL'],
  'variable.url-count': (p) => [`um botão de URL aceita uma variável; há ${p.count}`, 'deixe uma única variável {{1}} no fim da URL'],
  'variable.header-count': (p) => [`um cabeçalho de texto aceita no máximo uma variável; há ${p.count}`, 'deixe uma variável no cabeçalho e mova as outras para o corpo'],
  'variable.named-invalid': (p) => [`"${p.raw}" não é um nome de variável válido`, 'use minúsculas, dígitos e sublinhados, começando por uma letra, p. ex. {{first_name}}'],
  'variable.named-in-positional': (p) => [`"${p.raw}" é uma variável nomeada, mas o modelo é POSITIONAL`, 'numere as variáveis {{1}}, {{2}} ... ou defina "parameter_format": "NAMED"'],
  'variable.repeated': (p) => [`a variável ${p.raw} é usada mais de uma vez`, 'dê a cada marcador o seu número e passe o valor duas vezes'],
  'variable.gaps': (p) => [`as variáveis devem ir de {{1}} a {{${p.max}}} sem lacunas; falta ${p.missing}`, 'renumere as variáveis em ordem a partir de {{1}}'],
  'variable-example.named': (p) => [`sem valor de exemplo para {{${p.name}}} em ${p.field}`, `adicione {"param_name": "${p.name}", "example": "..."} a ${p.field}`],
  'variable-example.positional': (p) => [`sem valor de exemplo para a variável {{${p.name}}} em ${p.field}`, `adicione um exemplo realista para cada variável: ${p.sample}`],
  'variable-example.media': (p) => [`o cabeçalho ${p.type} não tem amostra em example.header_handle`, 'envie um arquivo de amostra pela Resumable Upload API e adicione o handle: "example": {"header_handle": ["4::..."]}'],
  'variable-example.url': (p) => ['o botão de URL dinâmica não tem URL de exemplo', `adicione "example": ["${p.example}"] ao botão`],
  'variable.starts': (p) => [`o corpo começa com a variável ${p.raw}`, 'comece com uma palavra, p. ex. "Olá {{1}}, ..."'],
  'variable.ends': (p) => [`o corpo termina com a variável ${p.raw}`, 'termine com uma palavra ou frase depois da variável, p. ex. "... {{2}}. Obrigado!"'],
  'variable.adjacent': (p) => [`${p.a}${p.b}: variáveis coladas`, 'coloque palavras entre as variáveis ou junte-as numa só'],
  'variable.whitespace': (p) => [`${p.a} e ${p.b} estão separadas só por espaços`, 'coloque palavras entre as variáveis ou junte-as numa só'],
  'variable.density': (p) => [`${p.vars} variáveis para ${p.words} palavras de texto: o modelo parece um formulário em branco`, 'escreva mais texto fixo em volta das variáveis ou use menos variáveis'],
  'name.empty': (p) => ['o modelo não tem nome', `chame-o "${p.fixed}"`],
  'name.invalid': (p) => [`o nome "${p.name}" só pode ter minúsculas, dígitos e sublinhados (no máximo 512)`, `renomeie para "${p.fixed}"`],
  length: (p) => [`${part(p.what)}: ${p.chars} caracteres, acima do limite da Meta de ${p.max}`, `encurte em ${p.over} ${String(p.over) === '1' ? 'caractere' : 'caracteres'}`],
  'length.empty': () => ['o corpo está vazio', 'escreva o texto da mensagem'],
  'discount-percentage': (p) => [`"${p.text}" é um desconto percentual: marca o modelo como promocional e soa como uma promessa não verificável`, 'indique um valor ou oferta concretos, p. ex. "R$ 10 de desconto em compras acima de R$ 50", ou use um botão de código de cupom'],
  'promotional.discount': (p) => [`"${p.text}" é um desconto: ${recat(p.category)}`, keep(p.category)],
  'promotional.words': (p) => [`"${p.text}" é promocional: ${recat(p.category)}`, keep(p.category)],
  'one-time-code': (p) => [`"${p.text}" com uma variável envia um código de uso único: a Meta só permite códigos em modelos AUTHENTICATION, então este modelo ${p.category} é rejeitado`, 'envie códigos com um modelo AUTHENTICATION (texto predefinido, botão de copiar código); deixe este sobre o pedido ou a conta'],
};
