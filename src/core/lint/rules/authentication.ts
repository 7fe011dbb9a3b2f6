/** Authentication templates: their body, footer and copy-code button are Meta's preset text, not the author's. */
import type { Template } from '../types.js';

/** Whether a template is in the AUTHENTICATION category (whose body text Meta writes). */
export function isAuthentication(template: Template): boolean {
  return (template.category ?? '').toUpperCase() === 'AUTHENTICATION';
}
