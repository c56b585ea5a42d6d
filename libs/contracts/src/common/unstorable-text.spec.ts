import { unstorableTextProblem } from './unstorable-text';

describe('unstorableTextProblem', () => {
  it.each(['Кофе «Арабика»', '', 'эмодзи 👍 целиком', 'перевод\r\nстроки и\tтаб'])('lets %j be stored', (text) => {
    expect(unstorableTextProblem(text)).toBeUndefined();
  });

  it('refuses the NUL character anywhere in a text', () => {
    expect(unstorableTextProblem('Зёрна\u0000')).toBe('недопустимый символ NUL (код 0) — удалите его');
  });

  it.each([
    ['a high half at the end', 'эмодзи \uD83D'],
    ['a low half alone', '\uDC4D эмодзи'],
    ['two high halves', '\uD83D\uD83D\uDC4D'],
  ])('refuses %s of a UTF-16 pair', (_, text) => {
    expect(unstorableTextProblem(text)).toMatch(/^недопустимый символ \(половина пары UTF-16/);
  });
});
