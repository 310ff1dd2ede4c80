/** Small DOM helpers shared by the pages. Text always goes in through textContent. */

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} is missing from the page`);
  return el as T;
}

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text?: string,
  attrs: Record<string, string> = {},
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  return node;
}

/** An error answer of the API, in the shape API.md gives every error. */
export interface ApiError {
  status: number;
  messages: string[];
  retryAfter?: string;
}

export async function readError(res: Response): Promise<ApiError> {
  let messages: string[] = [];
  try {
    const body = (await res.json()) as { message?: unknown; error_description?: unknown };
    const message = body.message ?? body.error_description;
    messages = Array.isArray(message)
      ? message.map(String)
      : typeof message === 'string'
        ? [message]
        : [];
  } catch {
    messages = [];
  }
  if (messages.length === 0) messages = [`The server answered ${res.status}.`];
  return { status: res.status, messages, retryAfter: res.headers.get('Retry-After') ?? undefined };
}

/** A random UUID, also where crypto.randomUUID is unavailable (plain http off localhost). */
export function uuid(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function formatDate(iso: string | null): string {
  return iso ? new Date(iso).toLocaleString() : '—';
}

/** Copies each column's header into its cells' `data-label`: phones show rows as labelled cards. */
export function labelColumns(body: HTMLElement): void {
  const table = body.closest('table');
  const headers = Array.from(table?.querySelectorAll('thead th') ?? [], (th) =>
    (th.textContent ?? '').trim(),
  );
  for (const row of Array.from(body.querySelectorAll('tr'))) {
    Array.from(row.children).forEach((cell, i) => {
      if (headers[i] && !cell.hasAttribute('colspan')) cell.setAttribute('data-label', headers[i]);
    });
  }
}

/** A mailto: link to `email`; characters that would start a query or fragment are escaped. */
export function mailto(email: string): string {
  return `mailto:${email.replace(/[%?#&]/g, (c) => encodeURIComponent(c))}`;
}
