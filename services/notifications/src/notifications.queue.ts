/** The queue group of the notifications service: its instances share the requests of its subjects. */
export const NOTIFICATIONS_QUEUE = 'notifications';
