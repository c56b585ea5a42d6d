import { isStorableText } from './storable-text';

describe('isStorableText', () => {
  it.each(['', 'Молоко 3,2 %', 'emoji 😀 inside', '👍🏽', 'tab\tand\nnew line', '\uFFFD replacement character'])('accepts %j', (text) => {
    expect(isStorableText(text)).toBe(true);
  });

  it.each([
    ['a NUL', 'Молоко\u0000'],
    ['a lone high surrogate', 'token\uD83D'],
    ['a lone low surrogate', '\uDE00 first'],
    ['a pair the wrong way round', '\uDE00\uD83D'],
  ])('refuses %s', (_, text) => {
    expect(isStorableText(text)).toBe(false);
  });
});
