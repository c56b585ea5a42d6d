import { loadExcel, spreadsheetXlsx } from './spreadsheet-xlsx';

async function* chunksOf(rows: unknown[][], size: number) {
  for (let first = 0; first < rows.length; first += size) yield rows.slice(first, first + size);
}

/** The workbook spreadsheetXlsx writes, read back by exceljs. */
async function written(rows: unknown[][]) {
  const file = spreadsheetXlsx('Продажи', [{ header: 'Номер', kind: 'text' }, { header: 'Сумма', kind: 'money' }, { header: 'Кол-во' }], chunksOf(rows, 2));
  const bytes: Buffer[] = [];
  for await (const chunk of file) bytes.push(chunk as Buffer);
  const { Workbook } = await loadExcel();
  const workbook = new Workbook();
  await workbook.xlsx.load(Buffer.concat(bytes) as never);
  return { sheet: workbook.getWorksheet('Продажи')!, bytes: Buffer.concat(bytes) };
}

describe('spreadsheetXlsx', () => {
  it('writes every row, text cells as text and amounts with kopecks, the header bold and the rows without a style of their own', async () => {
    const { sheet } = await written([
      ['007', 12.5, 3],
      ['=1+1', 0.1, 1],
      ['42', 1000, 2],
    ]);
    expect(sheet.rowCount).toBe(4);
    expect(sheet.getRow(1).values).toEqual([undefined, 'Номер', 'Сумма', 'Кол-во']);
    expect(sheet.getRow(1).font).toMatchObject({ bold: true });
    expect(sheet.getRow(3).values).toEqual([undefined, '=1+1', 0.1, 1]);
    for (const number of [2, 3, 4]) {
      const row = sheet.getRow(number);
      expect([row.getCell(1).numFmt, row.getCell(2).numFmt, row.getCell(3).numFmt]).toEqual(['@', '#,##0.00', undefined]);
      expect([row.font, row.numFmt]).toEqual([undefined, undefined]);
    }
  });

  it('gives the data rows no style attribute in the sheet', async () => {
    const { bytes } = await written([['1', 1, 1]]);
    const { default: JSZip } = await import('jszip');
    const sheetXml = await (await JSZip.loadAsync(bytes)).file('xl/worksheets/sheet1.xml')!.async('string');
    expect(sheetXml).toMatch(/<row r="2" spans="1:3" x14ac:dyDescent="0.25">/);
  });
});
