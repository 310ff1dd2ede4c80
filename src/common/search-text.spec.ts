import { foldForSearch, leadSearchText, searchWords } from './search-text';

describe('foldForSearch', () => {
  it.each([
    ['García López', 'garcia lopez'],
    ['MARÍA', 'maria'],
    ['Zoë Ångström', 'zoe angstrom'],
    ['Łukasz Øster Straße', 'lukasz oster strasse'],
    // Decomposed input (e + combining acute) folds the same as the precomposed letter.
    ['Jose\u0301', 'jose'],
    ['  Ada \t Lovelace  ', 'ada lovelace'],
  ])('folds %j to %j', (input, folded) => {
    expect(foldForSearch(input)).toBe(folded);
  });

  it('keeps what is not a letter with an accent', () => {
    expect(foldForSearch('o’brien+1@x.test 50%')).toBe('o’brien+1@x.test 50%');
  });
});

describe('leadSearchText and searchWords', () => {
  it('stores names and e-mail in one folded line', () => {
    expect(leadSearchText('María', 'García López', 'maria@example.com')).toBe(
      'maria garcia lopez maria@example.com',
    );
  });

  it('splits a search into folded words, and nothing into no words', () => {
    expect(searchWords(' Maria  GARCÍA ')).toEqual(['maria', 'garcia']);
    expect(searchWords('   ')).toEqual([]);
    expect(searchWords('\u0301')).toEqual([]);
  });
});
