import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFile } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import { EmlPreviewTransport } from './eml-preview.transport';

// writeFile is wrapped (still writing for real) to see under which names bytes are written.
jest.mock('node:fs', () => {
  const real = jest.requireActual<typeof import('node:fs')>('node:fs');
  return { ...real, writeFile: jest.fn(real.writeFile) };
});

describe('EmlPreviewTransport', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'eml-preview-'))));
  afterEach(() => {
    jest.mocked(writeFile).mockClear();
    rmSync(dir, { recursive: true, force: true });
  });

  const send = () =>
    createTransport(new EmlPreviewTransport(dir)).sendMail({
      from: 'Firm <no-reply@firm.test>',
      to: 'ada@example.com',
      subject: 'Thank you for your submission',
      text: 'x'.repeat(200_000),
      headers: { 'X-Lead-Id': 'lead-1', 'X-Notification': 'lead-acknowledgement' },
    });

  it('never writes bytes under the final .eml name, so a reader cannot see half a message', async () => {
    await send();
    const written = jest.mocked(writeFile).mock.calls.map(([path]) => String(path));
    expect(written).toHaveLength(1);
    expect(written[0]).not.toMatch(/\.eml$/);
  });

  it('leaves exactly one complete .eml file and no temporary file behind', async () => {
    const info = (await send()) as { response: string };
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^\d+-lead-acknowledgement-lead-1-\d+\.eml$/);
    expect(info.response).toBe(join(dir, files[0]));
    const raw = readFileSync(join(dir, files[0]), 'utf8');
    expect(raw).toContain('Subject: Thank you for your submission');
    expect(raw.trimEnd().endsWith('x')).toBe(true);
  });
});
