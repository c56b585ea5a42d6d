import type { EncryptedSecret, LegalEntityView } from '@elk/contracts';
import type { LegalEntityRecord } from './legal-entity.decider';

/** «••••••3f9a»: the token is never shown, only the tail stored with it (see `secretTail`). */
export function maskedToken(token: EncryptedSecret | null): string | null {
  return token ? `••••••${token.last4}` : null;
}

export function legalEntityView(entity: LegalEntityRecord): LegalEntityView {
  const { legalEntityId, version, type, name, inn, kpp, ogrn, legalAddress, taxSystem, chestnyZnakToken, createdAt, updatedAt } = entity;
  return { id: legalEntityId, version, type, name, inn, kpp, ogrn, legalAddress, taxSystem, chestnyZnakToken: maskedToken(chestnyZnakToken), createdAt, updatedAt };
}
