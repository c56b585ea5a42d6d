import { DomainError } from '@elk/contracts';
import { BusTimeoutError, type MessageBus } from '@elk/messaging';

/**
 * A request from one service to another: its refusals (PHONE_TAKEN, NOT_FOUND, …) pass on as they are; no answer in
 * time is SERVICE_UNAVAILABLE, which the caller's caller may retry.
 */
export async function requestService(bus: MessageBus, subject: string, payload: unknown, headers: Record<string, string>): Promise<unknown> {
  try {
    return await bus.request(subject, payload, { headers });
  } catch (error) {
    if (error instanceof BusTimeoutError) throw new DomainError('SERVICE_UNAVAILABLE', 'Сервис временно недоступен, повторите попытку позже');
    throw error;
  }
}
