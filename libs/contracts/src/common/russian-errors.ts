import { z } from 'zod';

/**
 * Merchant-facing Russian messages for every zod issue that a schema does not word itself.
 * Installed once, globally, when libs/contracts is imported (server and cabinet alike).
 */
function plural(n: number, one: string, few: string, many: string): string {
  const mod10 = n % 10;
  const mod100 = n % 100;
  if (mod10 === 1 && mod100 !== 11) return one;
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return few;
  return many;
}

const symbols = (n: number) => `${n} ${plural(n, 'символ', 'символа', 'символов')}`;

export const russianErrorMap: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'Обязательное поле';
      if (issue.input === null) return 'Значение не может быть пустым';
      return `Неверный тип значения: ожидается ${typeName(issue.expected)}`;
    case 'too_small':
      if (issue.origin === 'string') return issue.minimum === 1 ? 'Обязательное поле' : `Не менее ${symbols(Number(issue.minimum))}`;
      if (issue.origin === 'array') return `Не менее ${issue.minimum} элементов`;
      return `Значение должно быть не меньше ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'string') return `Не более ${symbols(Number(issue.maximum))}`;
      if (issue.origin === 'array') return `Не более ${issue.maximum} элементов`;
      return `Значение должно быть не больше ${issue.maximum}`;
    case 'invalid_format':
      if (issue.format === 'email') return 'Введите адрес электронной почты, например ivan@example.ru';
      if (issue.format === 'uuid') return 'Неверный идентификатор';
      return 'Неверный формат';
    case 'unrecognized_keys':
      return issue.keys.length === 1 ? `Неизвестное поле «${issue.keys[0]}»` : `Неизвестные поля: ${issue.keys.map((k) => `«${k}»`).join(', ')}`;
    case 'invalid_value':
      return `Допустимые значения: ${issue.values.map((value) => String(value)).join(', ')}`;
    case 'invalid_union':
      return 'Неверное значение';
    default:
      return 'Неверное значение';
  }
};

function typeName(expected: string): string {
  const names: Record<string, string> = {
    string: 'строка',
    number: 'число',
    int: 'целое число',
    boolean: 'да или нет',
    object: 'объект',
    array: 'список',
  };
  return names[expected] ?? expected;
}

z.config({ customError: russianErrorMap });

/**
 * When an object's `superRefine` runs: once the fields it reads are valid, even if others are not (zod skips an
 * object's refinements when any field failed), so that a form gets every error at the first submit.
 */
export function onceValid(...fields: string[]): { when: (payload: z.core.ParsePayload) => boolean } {
  return { when: ({ issues }) => !issues.some(({ path = [] }) => path.length === 0 || fields.includes(String(path[0]))) };
}
