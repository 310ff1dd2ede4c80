/** Where a lead came from: the campaign tags of the form's address and the page before it. */
export interface LeadSource {
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
  referrer: string | null;
}

/** The report's bucket for a lead without campaign tags or referrer. */
export const DIRECT = 'direct';
/** …and for an erased lead, whose source went with its personal data. */
export const UNKNOWN_SOURCE = 'unknown';

/**
 * The source a report groups a lead under, fixed when the lead is stored: its `utm_source`
 * (lower-cased, so "Google" and "google" are one), else the referrer's host, else "direct".
 */
export function sourceKey(source: LeadSource | null): string {
  const tagged = source?.utmSource?.trim().toLowerCase();
  if (tagged) return tagged.slice(0, 200);
  if (source?.referrer) {
    try {
      // `example.com.` (a fully qualified name) is the same site as `example.com`.
      const host = new URL(source.referrer).hostname.replace(/^www\./, '').replace(/\.$/, '');
      if (host) return host.slice(0, 200);
    } catch {
      // Validated as a URL on the way in; an unreadable one counts as no referrer.
    }
  }
  return DIRECT;
}

/** Null when nothing is known, so the wire carries `source: null` rather than four nulls. */
export function leadSourceOrNull(
  source: Partial<LeadSource> | null | undefined,
): LeadSource | null {
  const value: LeadSource = {
    utmSource: source?.utmSource || null,
    utmMedium: source?.utmMedium || null,
    utmCampaign: source?.utmCampaign || null,
    referrer: source?.referrer || null,
  };
  return Object.values(value).some((v) => v !== null) ? value : null;
}
