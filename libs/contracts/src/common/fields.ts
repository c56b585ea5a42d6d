import { z } from 'zod';

/**
 * Field schemas shared by the cabinet forms and the server. Each one normalises what a person types
 * (spaces, brackets, 8 instead of +7) into the one stored form.
 */

/** Russian mobile number, stored as +7XXXXXXXXXX. Accepts "8 (912) 345-67-89", "+7 912 345 67 89", … */
export const mobilePhone = z
  .string()
  .trim()
  .max(32)
  .transform((raw) => {
    const digits = raw.replace(/[\s()\-]/g, '');
    if (/^8\d{10}$/.test(digits)) return `+7${digits.slice(1)}`;
    if (/^7\d{10}$/.test(digits)) return `+${digits}`;
    return digits;
  })
  .pipe(z.string().regex(/^\+79\d{9}$/, { error: 'Введите мобильный номер в формате +7 9XX XXX-XX-XX' }));

export const email = z
  .string()
  .trim()
  .max(254)
  .transform((value) => value.toLowerCase())
  .pipe(z.email());

/** Surname, name and patronymic in one line, as the manual's ФИО. */
export const fullName = z
  .string()
  .trim()
  .min(1)
  .max(150)
  .regex(/^[\p{L}\p{M}][\p{L}\p{M}' .\-]*$/u, { error: 'Только буквы, пробелы, дефис и апостроф' });

/** Passwords: 8–128 characters with at least one letter and one digit. Never trimmed. */
export const password = z
  .string()
  .min(8, { error: 'Не менее 8 символов' })
  .max(128)
  .regex(/\p{L}/u, { error: 'Пароль должен содержать хотя бы одну букву' })
  .regex(/\d/, { error: 'Пароль должен содержать хотя бы одну цифру' });

export const organisationName = z.string().trim().min(1).max(200);

/** A password typed to log in or to confirm: any non-empty string (policy applies only to new ones). */
export const enteredPassword = z.string().min(1).max(128);

export const smsCode = z.string().trim().regex(/^\d{6}$/, { error: 'Код — 6 цифр из SMS' });

export const uuid = z.uuid();
