import { Readable } from 'node:stream';
import { SPREADSHEET_FORMULA_START } from '@elk/contracts';
import Papa from 'papaparse';

/** Russian Excel separates CSV fields with «;» and reads UTF-8 only after a byte order mark. */
const CSV_DELIMITER = ';';
const BYTE_ORDER_MARK = '\uFEFF';
/** A text a spreadsheet would run as a formula gets an apostrophe in front (`withoutFormulaGuard` takes it off). */
const CSV_WRITING = { delimiter: CSV_DELIMITER, escapeFormulae: SPREADSHEET_FORMULA_START };

/**
 * A CSV file Russian Excel opens, for any export: the header, then a chunk of text per chunk of rows. No cell of it
 * runs as a formula.
 */
export function spreadsheetCsv(header: readonly string[], chunks: AsyncIterable<string[][]>): Readable {
  return Readable.from(
    (async function* () {
      yield BYTE_ORDER_MARK + Papa.unparse([header], CSV_WRITING);
      for await (const rows of chunks) {
        if (rows.length > 0) yield '\r\n' + Papa.unparse(rows, CSV_WRITING);
      }
    })(),
  );
}
