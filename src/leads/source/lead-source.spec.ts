import { leadSourceOrNull, sourceKey } from './lead-source';

const source = (utmSource: string | null, referrer: string | null) => ({
  utmSource,
  utmMedium: null,
  utmCampaign: null,
  referrer,
});

describe('sourceKey', () => {
  it('is the utm_source, lower-cased, before the referrer', () => {
    expect(sourceKey(source(' Google ', 'https://www.bing.com/'))).toBe('google');
  });

  it('is the referrer’s host without www. when there is no utm_source', () => {
    expect(sourceKey(source(null, 'https://www.Avvo.com/attorneys?x=1'))).toBe('avvo.com');
    expect(sourceKey(source(null, 'https://avvo.com./attorneys'))).toBe('avvo.com');
    expect(sourceKey(source('', 'http://news.example:8080/a'))).toBe('news.example');
  });

  it('is "direct" without either, or with an unreadable referrer', () => {
    expect(sourceKey(null)).toBe('direct');
    expect(sourceKey(source(null, null))).toBe('direct');
    expect(sourceKey(source(null, 'not a url'))).toBe('direct');
  });
});

describe('leadSourceOrNull', () => {
  it('is null when nothing is known, and keeps what is', () => {
    expect(leadSourceOrNull(undefined)).toBeNull();
    expect(leadSourceOrNull({ utmSource: '', referrer: null })).toBeNull();
    expect(leadSourceOrNull({ utmMedium: 'cpc' })).toEqual({
      utmSource: null,
      utmMedium: 'cpc',
      utmCampaign: null,
      referrer: null,
    });
  });
});
