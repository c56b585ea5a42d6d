/** The queue group every devices instance serves its subjects in (one instance answers each request). */
export const DEVICES_QUEUE = 'devices';
