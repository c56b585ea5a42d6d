/** The queue group of the identity service: its instances share the requests of its subjects. */
export const IDENTITY_QUEUE = 'identity';
