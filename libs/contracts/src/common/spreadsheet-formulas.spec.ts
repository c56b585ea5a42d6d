import { SPREADSHEET_FORMULA_START, withoutFormulaGuard } from './spreadsheet-formulas';

/** What an export writes for a text, as Papa.unparse does with `escapeFormulae: SPREADSHEET_FORMULA_START`. */
const guarded = (text: string) => (SPREADSHEET_FORMULA_START.test(text) ? `'${text}` : text);

describe('spreadsheet formula guard', () => {
  it.each(['=HYPERLINK("http://evil.example","Подробнее")', '+79123456789', '-5', '@SUM(A1)', '\tтаб', '\rвозврат'])('guards %j, which a spreadsheet would run', (text) => {
    expect(guarded(text)).toBe(`'${text}`);
  });

  it.each(['Кофе', ' =пробел впереди', "'007", '5-6', ''])('leaves %j as it is', (text) => {
    expect(guarded(text)).toBe(text);
  });

  it.each(['=1+1', "'=1+1", "''-5", "'007", 'Кофе', "'"])('gives back %j after an export guarded it', (text) => {
    expect(withoutFormulaGuard(guarded(text))).toBe(text);
  });

  it('takes off the apostrophe a merchant typed in front of a formula character, as a spreadsheet does', () => {
    expect(withoutFormulaGuard("'-5")).toBe('-5');
  });
});
