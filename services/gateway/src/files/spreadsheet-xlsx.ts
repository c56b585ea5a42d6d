import { PassThrough, type Readable, type Writable } from 'node:stream';

// exceljs and jszip (~200 modules) load with the first workbook, not at every start.
export const loadExcel = () => import('exceljs');

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface XlsxColumn {
  header: string;
  /** `text`: kept as text, so that Excel does not turn «007» into 7 or a barcode into 4,6E+12; `money`: roubles with kopecks. */
  kind?: 'text' | 'money';
}

const MONEY_FORMAT = '#,##0.00';
/** Every data row's own style (none): one object, which exceljs's style table looks up once. */
const ROW_STYLE = {};

/** Resolves when `stream` takes writes again, or is closed (a download given up). */
function drainedOrClosed(stream: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done).off('close', done);
      resolve();
    };
    stream.on('drain', done).on('close', done);
  });
}

/**
 * An Excel workbook of one sheet, written row by row as the chunks come (the whole list never sits in memory). A text
 * cell stays text: a workbook's strings are never formulas, whatever they start with.
 */
export function spreadsheetXlsx(sheetName: string, columns: readonly XlsxColumn[], chunks: AsyncIterable<unknown[][]>): Readable {
  const file = new PassThrough();
  void (async () => {
    const { stream } = await loadExcel();
    const workbook = new stream.xlsx.WorkbookWriter({ stream: file, useStyles: true });
    const sheet = workbook.addWorksheet(sheetName);
    const styles = columns.map(({ kind }) => (kind === 'text' ? { numFmt: '@' } : kind === 'money' ? { numFmt: MONEY_FORMAT } : {}));
    sheet.columns = columns.map(({ header }, index) => ({ header, key: header, width: Math.max(14, header.length + 2), style: styles[index] }));
    sheet.getRow(1).font = { bold: true };
    for await (const rows of chunks) {
      for (const values of rows) {
        const row = sheet.addRow(values);
        // exceljs gives each cell a copy of its column's style and looks each copy up anew (a third of the file's CPU):
        // the column's own object it looks up once. Likewise each row's empty style, a new object per row that it turned
        // into XML to find in its table (a tenth of the file's CPU): the row has none, in the file as before.
        styles.forEach((style, index) => (row.getCell(index + 1).style = style));
        (row as unknown as { style: object }).style = ROW_STYLE;
        row.commit();
      }
      // exceljs writes without waiting for the reader: wait here, so that a slow download holds no more than a chunk.
      if (file.writableNeedDrain) await drainedOrClosed(file);
      // Nor does it wait for its zip's compressor (the stream its sheet is piped into: exceljs 4's `stream.pipes`, a
      // readable-stream 2 PassThrough, whose state is in `_writableState`): rows that come faster than deflate takes
      // them would pile up in memory (a 1,000,000-row export peaked at 672 MB).
      const compressor = (sheet as unknown as { stream: { pipes?: Array<Writable & { _writableState?: { needDrain: boolean } }> } }).stream.pipes?.[0];
      if (compressor?._writableState?.needDrain) await drainedOrClosed(compressor);
      if (file.destroyed) return;
    }
    sheet.commit();
    await workbook.commit();
  })().catch((error: unknown) => file.destroy(error instanceof Error ? error : new Error(String(error))));
  return file;
}
