/** The queue group every sales-journal instance serves its subjects in (one instance answers each request). */
export const SALES_JOURNAL_QUEUE = 'sales-journal';
