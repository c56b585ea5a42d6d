/** The demo merchant `npm start` signs up on a new data directory, and its Owner's log-in (README). */
export const DEMO_MERCHANT = {
  organisationName: 'ООО «Демо»',
  fullName: 'Демо Владелец',
  phone: '+79990000000',
  email: 'demo@elk.local',
  password: 'demo12345',
} as const;
