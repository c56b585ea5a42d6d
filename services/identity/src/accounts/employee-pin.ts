import { randomInt } from 'node:crypto';

export const PIN_LENGTH = 4;

/** Easy to guess: one digit repeated (0000) or a straight run up or down (1234, 9876). */
export function isWeakPin(pin: string): boolean {
  const digits = [...pin].map(Number);
  const steps = new Set(digits.slice(1).map((digit, index) => digit - digits[index]!));
  return steps.size === 1 && [0, 1, -1].includes([...steps][0]!);
}

/** A random 4-digit PIN-code that is not weak and that `isUsable` accepts (e.g. not the one before). */
export async function newPin(isUsable: (pin: string) => Promise<boolean>): Promise<string> {
  for (;;) {
    const pin = randomInt(0, 10 ** PIN_LENGTH)
      .toString()
      .padStart(PIN_LENGTH, '0');
    if (!isWeakPin(pin) && (await isUsable(pin))) return pin;
  }
}
