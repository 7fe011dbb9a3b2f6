/** Graph API versions and the day each stops working (Meta's changelog; update as versions are released). */

/** Graph API versions with their release and sunset dates, oldest first. */
export const API_VERSIONS: { version: string; released: string; sunset?: string }[] = [
  { version: 'v19.0', released: '2024-01-23', sunset: '2026-05-21' },
  { version: 'v20.0', released: '2024-05-21', sunset: '2026-09-24' },
  { version: 'v21.0', released: '2024-10-02', sunset: '2027-01-21' },
  { version: 'v22.0', released: '2025-01-21', sunset: '2027-05-20' },
  { version: 'v23.0', released: '2025-05-29', sunset: '2027-10-08' },
  { version: 'v24.0', released: '2025-10-08', sunset: '2028-02-18' },
  { version: 'v25.0', released: '2026-02-18', sunset: '2028-07-29' },
  { version: 'v26.0', released: '2026-07-29' },
];

/** The newest Graph API version wa-ops knows of (an older one draws a warning). */
export const LATEST_KNOWN = API_VERSIONS[API_VERSIONS.length - 1].version;
