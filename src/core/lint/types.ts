/** Shapes shared by the lint engine, its rules and its renderers. */
import type { MessageId } from './messages/types.js';

/** How serious a finding is. */
export type Severity = 'error' | 'warning';
/** A rule's setting from --rule or the config file. */
export type RuleSetting = 'off' | 'warn' | 'error';

/** A template button as Meta's API shapes it. */
export interface TemplateButton {
  type: string;
  text?: string;
  url?: string;
  phone_number?: string;
  example?: string[] | string;
  [key: string]: unknown;
}

/** A template component (HEADER, BODY, FOOTER, BUTTONS) as Meta's API shapes it. */
export interface TemplateComponent {
  type: string;
  format?: string;
  text?: string;
  buttons?: TemplateButton[];
  /** A CAROUSEL component's cards, each with its own HEADER, BODY and BUTTONS. */
  cards?: { components: TemplateComponent[] }[];
  example?: {
    header_text?: string[];
    body_text?: string[][];
    header_text_named_params?: { param_name: string; example: string }[];
    body_text_named_params?: { param_name: string; example: string }[];
    header_handle?: string[];
  };
  [key: string]: unknown;
}

/** A message template as Meta's API shapes it (only what lint reads is typed). */
export interface Template {
  name?: string;
  language?: string;
  category?: string;
  parameter_format?: string;
  components: TemplateComponent[];
}

/** Where a template came from, so findings can point into the file. */
export interface TemplateSource {
  file: string;
  /** The raw file text (to locate component strings for annotations). */
  raw?: string;
  /** Text inputs have no name, examples or buttons: rules that need them stay quiet. */
  kind: 'json' | 'text';
  /** The template's JSON path in the file ("[3]", ".data[0]"; "" for a file holding one template). */
  path?: string;
}

/** A text a rule looks at: a component's text, a button's text or URL. */
export interface TextPart {
  /** "header", "body", "footer", "buttons[0].text", "buttons[1].url". */
  component: string;
  text: string;
  /** Set when `text` was cut for linting: the real length in characters (code points). */
  fullLength?: number;
  /** Where the text sits in its JSON file (".data[2].components[1].text"), to point at this occurrence of a repeated text. */
  path?: string;
}

/** What a rule reports before positions are resolved. */
export interface RawFinding {
  message: string;
  component: string;
  /** Offset in the component's text, and the length of the excerpt. */
  offset: number;
  length: number;
  suggestion: string;
  /** Overrides the rule's severity for this finding. */
  severity?: Severity;
  /** For a finding on a field that is not a text part (a media header's format): that string's path and value, to place it in the file. */
  anchor?: { path: string; text: string };
  /** Message id and values, to give the advice in the template's language (lint/messages). */
  msg?: [id: MessageId, params?: Record<string, string | number>];
}

/** A finding placed in its file: rule, severity, message, position and excerpt. */
export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  component: string;
  line: number;
  column: number;
  excerpt: string;
  suggestion: string;
  /** The line of the component text the finding is on, cut to a window around it for long lines (for carets). */
  context: string;
  /** 1-based column of the finding inside `context`. */
  contextColumn: number;
  /** Text of the line left out before / after `context` (a long line's window), shown as "…". */
  contextCut?: { before: boolean; after: boolean };
  /** Position in the file itself (for SARIF and GitHub annotations). */
  fileLine: number;
  fileColumn: number;
  /** Where the flagged text ends in the file (the column after its last character). */
  fileEndLine: number;
  fileEndColumn: number;
}

/** One template's findings, with where it came from. */
export interface LintResult {
  file: string;
  template: string;
  language: string;
  category: string;
  findings: Finding[];
}

/** One language's word lists: abbreviations, discount words, promotional phrases, sensitive-data requests. */
export interface LanguageWords {
  /** Non-standard abbreviation -> plain wording. */
  abbreviations: Record<string, string>;
  /** Words that make a nearby percentage a discount. */
  discountWords: string[];
  /** Phrases that make content promotional. */
  promotional: string[];
  /** Things a business must never ask for. */
  sensitive: string[];
  /** Verbs of asking ("send", "reply with", ...). */
  requestVerbs: string[];
  /** Negations that turn a request into a warning ("never share"). */
  negations: string[];
}

/** What a rule is given: the template, its source, language, words and text parts. */
export interface RuleContext {
  template: Template;
  source: TemplateSource;
  /** Base language code (en, de, pt, zh ...). */
  lang: string;
  words: LanguageWords;
  /** Text parts of the template, in order. */
  parts: TextPart[];
  /** Set when the template is a carousel card (its body takes 160 characters). */
  card?: boolean;
}

/** A lint rule: its id, default severity, and the check. */
export interface Rule {
  id: string;
  severity: Severity;
  description: string;
  check(ctx: RuleContext): RawFinding[];
}
