import { isStorableText, unstorableTextProblem } from './storable-text';

describe('isStorableText', () => {
  it.each(['', 'Молоко 3,2 %', 'emoji 😀 inside', '👍🏽', 'tab\tand\nnew line', '\uFFFD replacement character'])('accepts %j', (text) => {
    expect(isStorableText(text)).toBe(true);
    expect(unstorableTextProblem(text)).toBeUndefined();
  });

  it.each([
    ['a lone high surrogate', 'token\uD83D'],
    ['a lone low surrogate', '\uDE00 first'],
    ['a pair the wrong way round', '\uDE00\uD83D'],
    ['two high halves', '\uD83D\uD83D\uDC4D'],
  ])('refuses %s, naming half a UTF-16 pair', (_, text) => {
    expect(isStorableText(text)).toBe(false);
    expect(unstorableTextProblem(text)).toMatch(/^недопустимый символ \(половина пары UTF-16/);
  });

  it('refuses the NUL character anywhere in a text, naming it', () => {
    expect(isStorableText('Молоко\u0000')).toBe(false);
    expect(unstorableTextProblem('Зёрна\u0000')).toBe('недопустимый символ NUL (код 0) — удалите его');
  });
});
