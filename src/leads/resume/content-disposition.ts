/**
 * RFC 6266 attachment header: an ASCII fallback for old clients and the exact name in RFC 8187
 * `filename*`. encodeURIComponent leaves `'()*!` as they are, but only `!` is an attr-char there:
 * an apostrophe in `O'Brien.pdf` would end the value early.
 */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_');
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
