import { z } from 'zod';

/** Bus subjects and payloads of the notifications service. */
export const NotificationsSubjects = {
  SendSms: 'elk.notifications.cmd.SendSms',
  ListDevSms: 'elk.notifications.qry.ListDevSms',
} as const;

/** `purpose` is for metrics and the dev outbox; the text itself is never logged. */
export const SendSms = z.object({
  to: z.string().regex(/^\+\d{10,15}$/),
  text: z.string().min(1).max(670),
  purpose: z.enum(['password-reset', 'employee-pin', 'cabinet-invitation', 'activation-code', 'other']),
});
export type SendSms = z.infer<typeof SendSms>;

export const ListDevSms = z.object({
  to: z.string().optional(),
  limit: z.number().int().min(1).max(200).default(50),
  cursor: z.string().optional(),
});
export type ListDevSms = z.infer<typeof ListDevSms>;
