import type { Response } from 'express';

/** The headers of every paginated list, for the OpenAPI document. */
export const PAGE_HEADERS = {
  'X-Total-Count': { description: 'Items matching the filters' },
  Link: { description: 'RFC 8288 next/prev links' },
};

export interface Page {
  limit: number;
  offset: number;
  total: number;
}

/**
 * Sets `X-Total-Count` and an RFC 8288 `Link` header with `next`/`prev` on a list answer. Links
 * are path-relative so they stay right behind any proxy or load balancer; they repeat the
 * list's filters.
 */
export function setPageHeaders(
  res: Response,
  path: string,
  filters: Record<string, string | undefined>,
  page: Page,
): void {
  res.setHeader('X-Total-Count', String(page.total));
  const link = (offset: number, rel: string) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(filters)) {
      if (value !== undefined && value !== '') params.set(key, value);
    }
    params.set('limit', String(page.limit));
    params.set('offset', String(offset));
    return `<${path}?${params.toString()}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (page.offset + page.limit < page.total) links.push(link(page.offset + page.limit, 'next'));
  if (page.offset > 0) links.push(link(Math.max(0, page.offset - page.limit), 'prev'));
  if (links.length) res.setHeader('Link', links.join(', '));
}
