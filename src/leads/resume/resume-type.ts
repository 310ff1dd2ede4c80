/** The CV formats we accept, each recognised by its bytes, its declared type and its extension. */
export const RESUME_TYPES = {
  pdf: { contentType: 'application/pdf', extensions: ['.pdf'] },
  doc: { contentType: 'application/msword', extensions: ['.doc'] },
  docx: {
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['.docx'],
  },
} as const;

export type ResumeKind = keyof typeof RESUME_TYPES;

const PDF_MAGIC = Buffer.from('%PDF-', 'latin1');
const OLE2_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP_LOCAL_HEADER = 0x04034b50;
const ZIP_END_OF_CENTRAL_DIR = 0x06054b50;
const ZIP_CENTRAL_DIR_ENTRY = 0x02014b50;

/** What the bytes are, or null when they are none of PDF, DOC (OLE2) or DOCX. */
export function sniffResume(bytes: Buffer): ResumeKind | null {
  if (bytes.subarray(0, PDF_MAGIC.length).equals(PDF_MAGIC)) return 'pdf';
  if (bytes.subarray(0, OLE2_MAGIC.length).equals(OLE2_MAGIC)) return 'doc';
  if (bytes.length >= 4 && bytes.readUInt32LE(0) === ZIP_LOCAL_HEADER) {
    return zipEntryNames(bytes)?.includes('word/document.xml') ? 'docx' : null;
  }
  return null;
}

/**
 * Names in a ZIP's central directory, read without inflating anything (so no zip bomb can
 * hurt). Null when the archive's structure is not sound.
 */
export function zipEntryNames(zip: Buffer): string[] | null {
  // The end-of-central-directory record sits in the last 22 + 65 535 (comment) bytes.
  const searchFrom = Math.max(0, zip.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = zip.length - 22; i >= searchFrom; i--) {
    if (zip.readUInt32LE(i) === ZIP_END_OF_CENTRAL_DIR) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const entries = zip.readUInt16LE(eocd + 10);
  let offset = zip.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let n = 0; n < entries; n++) {
    if (offset + 46 > zip.length || zip.readUInt32LE(offset) !== ZIP_CENTRAL_DIR_ENTRY) return null;
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    if (offset + 46 + nameLength > zip.length) return null;
    names.push(zip.toString('utf8', offset + 46, offset + 46 + nameLength));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/** Why an upload is refused (for a 415), or null when bytes, declared type and extension agree. */
export function resumeTypeProblem(
  bytes: Buffer,
  declaredType: string | undefined,
  filename: string,
): string | null {
  const kind = sniffResume(bytes);
  if (!kind) return 'resume must be a PDF, DOC or DOCX file';
  const expected = RESUME_TYPES[kind];
  const declared = (declaredType ?? '').split(';')[0].trim().toLowerCase();
  // Some browsers send application/octet-stream for Office files; the extension must then agree.
  if (declared !== expected.contentType && declared !== 'application/octet-stream') {
    return `resume content is ${kind.toUpperCase()} but was declared as ${declared || 'nothing'}`;
  }
  const lower = filename.toLowerCase();
  if (!expected.extensions.some((ext) => lower.endsWith(ext))) {
    return `resume content is ${kind.toUpperCase()} but the file name does not end in ${expected.extensions.join(' or ')}`;
  }
  return null;
}

/**
 * A filename safe to store and to put in Content-Disposition: no directories, no control or
 * invisible characters, no quotes or backslashes, at most 200 characters, never empty.
 */
export function sanitizeFilename(original: string, kind: ResumeKind): string {
  const base = original.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}"\\<>:|?*]/gu, '')
    .replace(/^\.+/, '')
    .trim()
    .slice(-200);
  return cleaned.length > 0 ? cleaned : `resume${RESUME_TYPES[kind].extensions[0]}`;
}
