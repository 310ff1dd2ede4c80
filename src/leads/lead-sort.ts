/** The list orders `GET /leads` offers: by when a lead was received, newest (`-`) or oldest first. */
export const LEAD_SORTS = ['-created_at', 'created_at'] as const;
export type LeadSort = (typeof LEAD_SORTS)[number];
