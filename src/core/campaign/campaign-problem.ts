/** The error of a campaign file that cannot be used. */

/** A campaign file that cannot be used; the message names the key and what to write. */
export class CampaignProblem extends Error {}
