/** The queue group of the organisation service: its instances share the requests of its subjects. */
export const ORGANISATION_QUEUE = 'organisation';
