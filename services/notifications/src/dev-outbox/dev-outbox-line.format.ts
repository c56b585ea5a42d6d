import type { DevSms } from '@elk/contracts';

/** The line printed for a developer when an SMS lands in the dev outbox. */
export function formatDevOutboxLine(sms: Pick<DevSms, 'to' | 'text'>): string {
  return `[DEV OUTBOX] SMS не отправлено, а сохранено в dev outbox (GET /api/v1/dev/sms). Кому: ${sms.to}. Текст: «${sms.text}»`;
}
