import { randomInt } from 'node:crypto';

/** A random Russian mobile number (+79XXXXXXXXX), so that tests sharing a database do not sign up the same phone. */
export const uniquePhone = () => `+79${String(randomInt(0, 1e9)).padStart(9, '0')}`;
