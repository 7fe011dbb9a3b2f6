/** Message ids of the lint rules and the shape of a language's catalogue (every id, checked by the compiler). */
export const MESSAGE_IDS = [
  'abbreviation',
  'buttons.too-many',
  'buttons.type-max',
  'buttons.no-text',
  'buttons.quick-replies',
  'formatting.blank-lines',
  'formatting.spaces',
  'formatting.tab',
  'formatting.punctuation',
  'formatting.capitals',
  'formatting.emoji-run',
  'formatting.emoji-count',
  'sensitive-data',
  'url-shortener',
  'external-link',
  'variable.footer',
  'variable.malformed',
  'variable.malformed-named',
  'variable.header-count',
  'variable.url-end',
  'variable.url-count',
  'variable.named-invalid',
  'variable.named-in-positional',
  'variable.repeated',
  'variable.gaps',
  'variable-example.named',
  'variable-example.positional',
  'variable-example.url',
  'variable-example.media',
  'variable.starts',
  'variable.ends',
  'variable.adjacent',
  'variable.whitespace',
  'variable.density',
  'name.empty',
  'name.invalid',
  'length',
  'length.empty',
  'discount-percentage',
  'promotional.discount',
  'promotional.words',
  'one-time-code',
] as const;

/** The id of one lint message (the same in every language). */
export type MessageId = (typeof MESSAGE_IDS)[number];
/** The values a message is filled in with. */
export type Params = Record<string, string | number>;
/** One language's messages: a message and a suggestion for each id. */
export type Catalogue = Record<MessageId, (p: Params) => [message: string, suggestion: string]>;
