/** Checks of free-form message content (media, location, reaction, contacts) with Meta's limits and codes. */
import { graphError, invalid, missing, type SandboxError } from './graph-errors.js';
import { isObject } from '../core/is-object.js';

/** A JSON object from a request body. */
export type Obj = Record<string, unknown>;
/** Is this a JSON object (not null, not an array)? */
export const isObj: (v: unknown) => v is Obj = isObject;
const isText = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

/** Is a media id one this account uploaded? */
export type MediaLookup = (id: string) => boolean;

/** Text longer than `max` characters (code points, as WhatsApp counts them)? */
export const tooLong = (text: string, max: number): boolean => [...text].length > max;

/** image, video, audio, document, sticker: a link or an id, a caption within 1024 characters. */
export function checkMedia(type: string, media: unknown, known: MediaLookup): SandboxError | undefined {
  if (!isObj(media)) return missing(type);
  const { link, id } = media;
  if (link === undefined && id === undefined) return missing(`${type}['link'] or ${type}['id']`);
  if (link !== undefined && id !== undefined) return invalid(`Use either ${type}['link'] or ${type}['id'], not both.`);
  if (link !== undefined && (typeof link !== 'string' || !/^https?:\/\/[^\s/]+(\/\S*)?$/i.test(link))) return invalid(`${type}['link'] must be an http(s) URL.`);
  if (id !== undefined && (!isText(id) || !known(id))) return graphError(131053, `Media id ${String(id)} was not uploaded to this phone number (or was deleted).`);
  // Meta says not to caption audio or stickers; it is not known to refuse one, so the sandbox ignores it too.
  if (media.caption !== undefined && type !== 'audio' && type !== 'sticker') {
    if (typeof media.caption !== 'string' || tooLong(media.caption, 1024)) return invalid(`${type}['caption'] must be text of at most 1024 characters.`);
  }
  return undefined;
}

/** location: latitude and longitude required and in range. */
export function checkLocation(location: unknown): SandboxError | undefined {
  if (!isObj(location)) return missing('location');
  for (const [key, limit] of [['latitude', 90], ['longitude', 180]] as const) {
    const v = location[key];
    if (v === undefined || v === '') return missing(`location['${key}']`);
    const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
    if (!Number.isFinite(n) || Math.abs(n) > limit) return invalid(`location['${key}'] must be a number between -${limit} and ${limit}.`);
  }
  return undefined;
}

/** reaction: the message it reacts to, and an emoji (empty removes a reaction). */
export function checkReaction(reaction: unknown): SandboxError | undefined {
  if (!isObj(reaction)) return missing('reaction');
  if (!isText(reaction.message_id)) return missing("reaction['message_id']");
  if (reaction.emoji === undefined) return missing("reaction['emoji']");
  if (typeof reaction.emoji !== 'string' || [...reaction.emoji].length > 10) return invalid("reaction['emoji'] must be a single emoji, or empty to remove the reaction.");
  return undefined;
}

/** contacts: an array of contact cards, each with a formatted name. */
export function checkContacts(given: unknown): SandboxError | undefined {
  if (given === undefined) return missing('contacts');
  // The Graph API also takes an object parameter as a JSON-encoded string; whatsapp-api-js sends contacts that way.
  let contacts = given;
  if (typeof given === 'string') {
    try {
      contacts = JSON.parse(given);
    } catch {
      return graphError(100, 'Param contacts must be an array of contact objects (or that array as JSON text).');
    }
  }
  if (!Array.isArray(contacts)) return graphError(100, 'Param contacts must be an array of contact objects.');
  if (contacts.length === 0) return missing('contacts[0]');
  for (const [i, c] of contacts.entries()) {
    if (!isObj(c)) return graphError(100, `Param contacts[${i}] must be an object.`);
    if (!isObj(c.name) || !isText(c.name.formatted_name)) return missing(`contacts[${i}]['name']['formatted_name']`);
    for (const list of ['phones', 'emails', 'urls', 'addresses'] as const) {
      if (c[list] !== undefined && !Array.isArray(c[list])) return graphError(100, `Param contacts[${i}]['${list}'] must be an array.`);
    }
  }
  return undefined;
}
