import { BadRequestException } from '@nestjs/common';
import { toReportRange } from './to-report-range';

const NOW = new Date('2026-11-30T12:00:00Z');
const DAY = 24 * 3_600_000;

describe('toReportRange', () => {
  it('defaults to the 30 days before now', () => {
    expect(toReportRange({}, NOW)).toEqual({
      from: new Date(NOW.getTime() - 30 * DAY),
      to: NOW,
    });
  });

  it('includes the whole day of a bare `to` date, and counts 30 days back from it', () => {
    expect(toReportRange({ to: '2026-01-31' }, NOW)).toEqual({
      from: new Date('2026-01-02T00:00:00Z'),
      to: new Date('2026-02-01T00:00:00Z'),
    });
  });

  it('takes a year and a day (leap years), not more', () => {
    expect(toReportRange({ from: '2024-01-01', to: '2024-12-31' }, NOW).to).toEqual(
      new Date('2025-01-01T00:00:00Z'),
    );
    expect(() => toReportRange({ from: '2025-01-01', to: '2026-01-02' }, NOW)).toThrow(
      BadRequestException,
    );
  });

  it('refuses a `from` after the default `to` (now)', () => {
    expect(() => toReportRange({ from: '2026-12-01' }, NOW)).toThrow(BadRequestException);
  });
});
