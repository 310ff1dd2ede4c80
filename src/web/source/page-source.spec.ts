import { cleanReferrer, pageSource } from './page-source';

describe('pageSource', () => {
  it('takes the utm tags of the address and an outside referrer', () => {
    expect(
      pageSource(
        { utm_source: ' news ', utm_medium: 'email', utm_campaign: 'spring', other: 'x' },
        'https://search.example/?q=lawyer',
        'leads.firm.example',
      ),
    ).toEqual({
      utm_source: 'news',
      utm_medium: 'email',
      utm_campaign: 'spring',
      referrer: 'https://search.example/?q=lawyer',
    });
  });

  it('drops what the API would refuse instead of failing the form', () => {
    const source = pageSource(
      { utm_source: ['a', 'b'], utm_medium: 'x'.repeat(300), utm_campaign: 'a\u0000b\u202e' },
      undefined,
      undefined,
    );
    expect(source).toEqual({
      utm_source: '',
      utm_medium: 'x'.repeat(200),
      utm_campaign: 'ab',
      referrer: '',
    });
  });

  it('drops every character the API refuses in a tag, blank-rendering letters too', () => {
    const blanks = '\u2800\u3164\u115F\u1160\uFFA0\u034F\u17B4\u180B\u180E\u180F\u2060';
    expect(
      pageSource({ utm_source: blanks, utm_medium: `e${blanks}mail` }, undefined, undefined),
    ).toMatchObject({ utm_source: '', utm_medium: 'email' });
    // Joiners are kept, as the API keeps them (emoji and scripts need them).
    expect(pageSource({ utm_campaign: '👩\u200D⚖️' }, undefined, undefined).utm_campaign).toBe(
      '👩\u200D⚖️',
    );
  });

  it.each([['https://my_blog.example.com/'], ['https://example.com./']])(
    'keeps the referrer %s, which the API takes',
    (referrer) => {
      expect(cleanReferrer(referrer, 'leads.firm.example')).toBe(referrer);
    },
  );

  it.each([
    ['https://-blog-.example.com/'],
    ['javascript:alert(1)'],
    ['ftp://files.example/'],
    ['https://user:pw@evil.example/'],
    [`https://example.com/${'a'.repeat(2000)}`],
    ['https://leads.firm.example/admin'],
  ])('refuses the referrer %s', (referrer) => {
    expect(cleanReferrer(referrer, 'leads.firm.example')).toBe('');
  });
});
