/** A message catalogue: message id -> (values) -> [message, suggestion]. */
export type Params = Record<string, string | number>;
export type Catalogue = Record<string, (p: Params) => [message: string, suggestion: string]>;
