/** Errors in the exact shape the Graph API answers them. */
import { randomBytes } from 'node:crypto';
import { isObject } from '../core/is-object.js';

/** An error the sandbox answers with, in the Graph API's shape. */
export interface SandboxError {
  status: number;
  body: {
    error: {
      message: string;
      type: string;
      code: number;
      error_data?: { messaging_product: 'whatsapp'; details: string };
      error_subcode?: number;
      error_user_title?: string;
      error_user_msg?: string;
      fbtrace_id: string;
    };
  };
  headers?: Record<string, string>;
}

const TITLES: Record<number, [string, number]> = {
  0: ['AuthException', 401],
  1: ['API Unknown', 400],
  2: ['Service temporarily unavailable', 503],
  3: ['Capability or permissions issue', 500],
  4: ['Application request limit reached', 400],
  10: ['Application does not have permission for this action', 403],
  100: ['Invalid parameter', 400],
  200: ['Permission error', 403],
  368: ['Temporarily blocked for policies violations', 403],
  190: ['Error validating access token: Session has expired', 401],
  80007: ['Rate limit issues', 400],
  130429: ['Rate limit hit', 400],
  131000: ['Something went wrong', 500],
  131005: ['Access denied', 403],
  131030: ['Recipient phone number not in allowed list', 400],
  131037: ['WhatsApp provided number needs display name approval before message can be sent.', 400],
  131045: ['Incorrect certificate', 400],
  131008: ['Required parameter is missing', 400],
  131009: ['Parameter value is not valid', 400],
  131016: ['Service unavailable', 503],
  131021: ['Recipient cannot be sender', 400],
  131026: ['Message undeliverable', 400],
  131031: ['Business Account locked', 403],
  131042: ['Business eligibility payment issue', 400],
  131047: ['Re-engagement message', 400],
  131048: ['Spam rate limit hit', 400],
  131049: ['This message was not delivered to maintain healthy ecosystem engagement.', 400],
  131050: ['Unable to deliver the message. This recipient has chosen to stop receiving marketing messages on WhatsApp from your business.', 400],
  131051: ['Unsupported message type', 400],
  131052: ['Media download error', 400],
  131053: ['Media upload error', 400],
  131056: ['(Business Account, Consumer Account) pair rate limit hit', 400],
  131057: ['Account in maintenance mode', 500],
  130472: ["User's number is part of an experiment", 400],
  130497: ['Business account is restricted from messaging users in this country.', 400],
  132000: ['Number of parameters does not match the expected number of params', 400],
  132001: ['Template name does not exist in the translation', 404],
  132005: ['Translated text too long', 400],
  132007: ['Template Format Character Policy Violated', 400],
  132012: ['Parameter format does not match format in the created template', 400],
  132015: ['Template is Paused', 400],
  132016: ['Template is Disabled', 400],
  132018: ['There was an issue with the parameters in your template.', 400],
  132068: ['Flow is in blocked state', 400],
  132069: ['Flow is in throttled state', 400],
  133000: ['Incomplete deregistration', 400],
  133005: ['Two step verification PIN Mismatch', 400],
  133006: ['Phone number re-verification needed', 400],
  133008: ['Too many two step verification PIN guesses for this phone number', 400],
  133009: ['Two step verification PIN was entered too quickly', 400],
  133004: ['Server temporarily unavailable', 503],
  133010: ['Account not registered', 400],
  133015: ['Please wait a few minutes before attempting to register this phone number', 400],
  133016: ['Account register deregister rate limit exceeded', 400],
};

/** Template-management errors carry a subcode and a user-facing title and message, as Meta's do. */
export interface ErrorExtras {
  subcode?: number;
  userTitle?: string;
  userMsg?: string;
  /** Meta's own sentence and type where it sends them instead of "(#code) title" (unknown objects: GraphMethodException). */
  message?: string;
  type?: string;
}

/** An error response for a code, with Meta's title and an optional details text. */
export function graphError(code: number, details?: string, httpStatus?: number, extras: ErrorExtras = {}): SandboxError {
  const [title, status] = TITLES[code] ?? ['Unknown error', 400];
  return {
    status: httpStatus ?? status,
    body: {
      error: {
        // Token errors carry their own sentence and no error_data, as Meta sends them.
        message: extras.message ?? (code === 190 ? (details ?? title) : `(#${code}) ${title}`),
        type: extras.type ?? 'OAuthException',
        code,
        ...(details && code !== 190 ? { error_data: { messaging_product: 'whatsapp' as const, details } } : {}),
        ...(extras.subcode === undefined ? {} : { error_subcode: extras.subcode }),
        ...(extras.userTitle === undefined ? {} : { error_user_title: extras.userTitle, error_user_msg: extras.userMsg ?? extras.userTitle }),
        fbtrace_id: `A${randomBytes(9).toString('base64url')}`,
      },
    },
  };
}

/** 131008: a required parameter is missing (path in Meta's notation, e.g. text['body']). */
export const missing = (path: string): SandboxError => graphError(131008, `The parameter ${path} is required.`);

/** 131009: a parameter's value is out of range or malformed. */
export const invalid = (details: string): SandboxError => graphError(131009, details);

/** Is this answer an error (rather than a parsed request)? */
export function isSandboxError(x: unknown): x is SandboxError {
  return isObject(x) && typeof x.status === 'number' && isObject(x.body) && typeof x.body.error === 'object';
}
