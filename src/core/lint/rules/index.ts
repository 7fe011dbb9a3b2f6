/** Every lint rule, in the order findings are listed. */
import type { Rule } from '../types.js';
import { abbreviation } from './abbreviation.js';
import { buttons } from './buttons.js';
import { discountPercentage } from './discount-percentage.js';
import { externalLink } from './external-link.js';
import { formatting } from './formatting.js';
import { length } from './length.js';
import { nameFormat } from './name-format.js';
import { oneTimeCode } from './one-time-code.js';
import { promotionalInUtility } from './promotional-in-utility.js';
import { sensitiveData } from './sensitive-data.js';
import { urlShortener } from './url-shortener.js';
import { variableAdjacent } from './variable-adjacent.js';
import { variableDensity } from './variable-density.js';
import { variableExample } from './variable-example.js';
import { variablePosition } from './variable-position.js';
import { variableSequence } from './variable-sequence.js';

/** Every lint rule, in the order their findings are reported. */
export const RULES: readonly Rule[] = [
  nameFormat,
  length,
  buttons,
  variableSequence,
  variablePosition,
  variableAdjacent,
  variableDensity,
  variableExample,
  abbreviation,
  discountPercentage,
  externalLink,
  urlShortener,
  promotionalInUtility,
  oneTimeCode,
  sensitiveData,
  formatting,
];

/** The rule ids, for --rule and the config file's lint.rules. */
export const RULE_IDS = RULES.map((r) => r.id);
