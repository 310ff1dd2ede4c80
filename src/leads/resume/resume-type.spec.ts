import { deflateRawSync } from 'node:zlib';
import { resumeTypeProblem, sanitizeFilename, sniffResume, zipEntryNames } from './resume-type';

/** A minimal valid ZIP (stored entries) with the given file names. */
function zip(names: string[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const name of names) {
    const nameBytes = Buffer.from(name);
    const data = Buffer.from('<x/>');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(names.length, 8);
  end.writeUInt16LE(names.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const PDF = Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n%%EOF\n', 'latin1');
const DOC = Buffer.concat([
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
  Buffer.alloc(504),
]);
const DOCX = zip(['[Content_Types].xml', 'word/document.xml']);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(100)]);

describe('sniffResume', () => {
  it('recognises PDF, DOC and DOCX by their bytes', () => {
    expect(sniffResume(PDF)).toBe('pdf');
    expect(sniffResume(DOC)).toBe('doc');
    expect(sniffResume(DOCX)).toBe('docx');
  });

  it('refuses a ZIP that is not a Word document, a PNG, an executable and empty input', () => {
    expect(sniffResume(zip(['xl/workbook.xml']))).toBeNull();
    expect(sniffResume(PNG)).toBeNull();
    expect(sniffResume(EXE)).toBeNull();
    expect(sniffResume(Buffer.alloc(0))).toBeNull();
  });

  it('refuses a truncated ZIP without throwing', () => {
    expect(sniffResume(DOCX.subarray(0, DOCX.length - 30))).toBeNull();
    expect(zipEntryNames(Buffer.concat([DOCX.subarray(0, 40), DOCX.subarray(-22)]))).toBeNull();
    expect(sniffResume(deflateRawSync(DOCX))).toBeNull();
  });
});

describe('resumeTypeProblem', () => {
  it('accepts matching bytes, type and extension', () => {
    expect(resumeTypeProblem(PDF, 'application/pdf', 'cv.PDF')).toBeNull();
    expect(resumeTypeProblem(DOC, 'application/msword', 'cv.doc')).toBeNull();
    expect(
      resumeTypeProblem(
        DOCX,
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        'cv.docx',
      ),
    ).toBeNull();
    expect(resumeTypeProblem(DOCX, 'application/octet-stream', 'cv.docx')).toBeNull();
  });

  it('refuses a PNG or an executable named .pdf', () => {
    expect(resumeTypeProblem(PNG, 'application/pdf', 'cv.pdf')).toMatch(/PDF, DOC or DOCX/);
    expect(resumeTypeProblem(EXE, 'application/pdf', 'cv.pdf')).toMatch(/PDF, DOC or DOCX/);
  });

  it('refuses a real PDF declared as something else or named otherwise', () => {
    expect(resumeTypeProblem(PDF, 'application/msword', 'cv.pdf')).toMatch(/declared/);
    expect(resumeTypeProblem(PDF, 'application/pdf', 'cv.docx')).toMatch(/file name/);
    expect(resumeTypeProblem(DOCX, 'application/pdf', 'cv.pdf')).toMatch(/declared/);
  });
});

describe('sanitizeFilename', () => {
  it('keeps a plain name', () => {
    expect(sanitizeFilename('Ada Lovelace CV.pdf', 'pdf')).toBe('Ada Lovelace CV.pdf');
  });

  it('drops directories, traversal, quotes and control characters', () => {
    expect(sanitizeFilename('../../etc/passwd.pdf', 'pdf')).toBe('passwd.pdf');
    expect(sanitizeFilename('C:\\Users\\ada\\cv.pdf', 'pdf')).toBe('cv.pdf');
    expect(sanitizeFilename('cv"\r\n.pdf', 'pdf')).toBe('cv.pdf');
    expect(sanitizeFilename('evil\u202Efdp.exe.pdf', 'pdf')).toBe('evilfdp.exe.pdf');
  });

  it('falls back to a default name when nothing is left', () => {
    expect(sanitizeFilename('../', 'docx')).toBe('resume.docx');
    expect(sanitizeFilename('...', 'pdf')).toBe('resume.pdf');
  });
});
