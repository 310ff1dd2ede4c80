import { deflateRawSync } from 'node:zlib';
import {
  EXE_BYTES,
  makeDoc,
  makeDocx,
  makePdf,
  makeZip,
  PNG_BYTES,
} from '../../../test/support/documents';
import { resumeTypeProblem, sanitizeFilename, sniffResume, zipEntryNames } from './resume-type';

const PDF = makePdf();
const DOC = makeDoc();
const DOCX = makeDocx();
const PNG = PNG_BYTES;
const EXE = EXE_BYTES;

describe('sniffResume', () => {
  it('recognises PDF, DOC and DOCX by their bytes', () => {
    expect(sniffResume(PDF)).toBe('pdf');
    expect(sniffResume(DOC)).toBe('doc');
    expect(sniffResume(DOCX)).toBe('docx');
  });

  it('refuses a ZIP that is not a Word document, a PNG, an executable and empty input', () => {
    expect(sniffResume(makeZip({ 'xl/workbook.xml': '<x/>' }))).toBeNull();
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
