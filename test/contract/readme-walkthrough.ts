import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './api';

type Schemas = components['schemas'];

/** `true` only when `T` admits null: the document's nullable fields must stay nullable. */
type AdmitsNull<T> = null extends T ? true : false;
export const NULLABLE_FIELDS_ADMIT_NULL: [
  AdmitsNull<Schemas['LeadResponse']['reached_out_by']>,
  AdmitsNull<Schemas['LeadResponse']['reached_out_at']>,
  AdmitsNull<Schemas['StateChangeResponse']['by']>,
  AdmitsNull<Schemas['NotificationResponse']['last_error']>,
] = [true, true, true, true];

/**
 * The README's "Try it with curl" walkthrough, written against the client generated from the
 * OpenAPI document (openapi-typescript + openapi-fetch). `npm run typecheck` compiles it, so a
 * document that no longer fits the walkthrough (a renamed field, a lost `| null`) fails the
 * build; the contract test runs it against the service.
 */
export async function readmeWalkthrough(
  baseUrl: string,
  admin: { email: string; password: string },
  observe?: Middleware,
) {
  const api = createClient<paths>({ baseUrl });
  if (observe) api.use(observe);

  // 1. Get a token (form-encoded password grant).
  const token = await api.POST('/auth/token', {
    body: { grant_type: 'password', username: admin.email, password: admin.password },
    // Explicit: openapi-fetch's own form detection fails under Jest's separate realm.
    bodySerializer: (fields) => new URLSearchParams({ ...fields }).toString(),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  });
  if (!token.data) throw new Error(`token: ${JSON.stringify(token.error)}`);
  const auth = { Authorization: `Bearer ${token.data.access_token}` };

  // 2. Submit a lead (public, JSON with a link to the CV).
  const submitted = await api.POST('/leads', {
    body: {
      first_name: 'Ada',
      last_name: 'Lovelace',
      email: `ada+${Date.now()}@example.com`,
      resume: 'https://example.com/cv/ada-lovelace.pdf',
    },
  });
  if (!submitted.data) throw new Error(`submit: ${JSON.stringify(submitted.error)}`);
  const location = submitted.response.headers.get('Location');

  // 3. List leads (newest first); the total is in X-Total-Count.
  const listed = await api.GET('/leads', {
    params: { query: { state: 'PENDING', limit: 20 } },
    headers: auth,
  });
  if (!listed.data) throw new Error(`list: ${JSON.stringify(listed.error)}`);
  const total = Number(listed.response.headers.get('X-Total-Count'));
  const pendingBy = listed.data[0].reached_out_by;

  // 4. Mark the newest lead reached out.
  const newest = await api.GET('/leads', { params: { query: { limit: 1 } }, headers: auth });
  if (!newest.data) throw new Error(`newest: ${JSON.stringify(newest.error)}`);
  const leadId = newest.data[0].id;
  const updated = await api.PUT('/leads/{id}', {
    params: { path: { id: leadId } },
    body: { state: 'REACHED_OUT' },
    headers: auth,
  });
  if (!updated.data) throw new Error(`update: ${JSON.stringify(updated.error)}`);

  // Going back to PENDING is refused with 409, in the error shape.
  const back = await api.PUT('/leads/{id}', {
    params: { path: { id: leadId } },
    body: { state: 'PENDING' },
    headers: auth,
  });
  const refused: Schemas['ErrorResponse'] | undefined = back.error;

  // The full record: state history and the delivery of its e-mails.
  const detail = await api.GET('/leads/{id}', { params: { path: { id: leadId } }, headers: auth });
  if (!detail.data) throw new Error(`detail: ${JSON.stringify(detail.error)}`);

  return {
    tokenType: token.data.token_type,
    submitted: submitted.data,
    location,
    total,
    pendingBy,
    leadId,
    reachedOutBy: updated.data.reached_out_by?.email ?? null,
    reachedOutAt: updated.data.reached_out_at,
    refusedStatus: back.response.status,
    refusedMessage: refused?.message,
    history: detail.data.history.map((h) => `${h.from} → ${h.to} by ${h.by?.email ?? 'nobody'}`),
  };
}
