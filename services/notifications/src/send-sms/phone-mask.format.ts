/**
 * A phone number as logs may show it: country and operator code plus the last four digits
 * (+7912***6789), enough to tell two recipients apart while support looks into a complaint.
 */
export function maskPhone(phone: string): string {
  if (phone.length <= 8) return '***';
  return `${phone.slice(0, 5)}***${phone.slice(-4)}`;
}
