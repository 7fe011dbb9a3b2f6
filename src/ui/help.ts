/** Help output: global flags on every command, and every default written one way: "(default: X)". */
import type { Argument, HelpConfiguration, Option } from 'commander';

/** "(default 6s)" and "(default: 6s)" read the same; make them all the second. */
function normalise(text: string): string {
  return text.replace(/\(default (?!:)/g, '(default: ').replace(/; default (?!:)/g, '; default: ');
}

function shown(value: unknown): string {
  return Array.isArray(value) ? value.join(', ') : String(value);
}

function describe(description: string, defaultValue: unknown, defaultDescription: string | undefined, skipDefault: boolean): string {
  const text = normalise(description);
  if (defaultValue === undefined || skipDefault || /\bdefault:/.test(text)) return text;
  if (Array.isArray(defaultValue) && defaultValue.length === 0) return text;
  return `${text} (default: ${defaultDescription ?? shown(defaultValue)})`;
}

/** Settings for commander's help: show global options under each command, one style of defaults. */
export const helpConfiguration: HelpConfiguration = {
  showGlobalOptions: true,
  optionDescription(o: Option): string {
    // A --no-x flag's "default" is the positive value: nothing to tell.
    const base = describe(o.description, o.defaultValue, o.defaultValueDescription, o.negate || typeof o.defaultValue === 'boolean');
    return o.argChoices ? `${base} (one of: ${o.argChoices.join(', ')})` : base;
  },
  argumentDescription(a: Argument): string {
    return describe(a.description, a.defaultValue, a.defaultValueDescription, false);
  },
};
