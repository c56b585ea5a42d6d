import { deciderSpec } from '@elk/testing';
import { loginDecider, type LoginEvent } from './login.decider';

const spec = deciderSpec(loginDecider);

const accountId = '7d1c7a3e-5b1f-4c0e-9a55-2f1f6f0c9b11';
const otherAccountId = '9e2d8b4f-6c2a-4d1f-8b66-3a2a7a1d0c33';
const organisationId = '0b6c3f0e-8a8e-4f57-9d0a-4d8f2a1e7c22';

const phone = { kind: 'phone' as const, login: '+79123456789' };
const email = { kind: 'email' as const, login: 'ivan@example.ru' };
const claimed = (login: typeof phone | typeof email, owner = accountId): LoginEvent => ({ type: 'LoginClaimed', data: { ...login, accountId: owner, organisationId } });
const released = (login: typeof phone | typeof email, owner = accountId): LoginEvent => ({ type: 'LoginReleased', data: { ...login, accountId: owner } });

describe('login decider', () => {
  it('gives a free login to the account that claims it', () => {
    spec.given([]).when({ type: 'ClaimLogin', ...phone, accountId, organisationId }).then([claimed(phone)]);
  });

  it('does nothing when the owner claims its login again', () => {
    spec.given([claimed(phone)]).when({ type: 'ClaimLogin', ...phone, accountId, organisationId }).then([]);
  });

  it('refuses a phone another account holds, naming the field', () => {
    const error = spec.given([claimed(phone)]).when({ type: 'ClaimLogin', ...phone, accountId: otherAccountId, organisationId }).thenThrows('PHONE_TAKEN');
    expect(error.errors).toEqual([{ path: 'phone', message: 'Этот телефон уже зарегистрирован' }]);
  });

  it('refuses an email another account holds, naming the field', () => {
    const error = spec.given([claimed(email)]).when({ type: 'ClaimLogin', ...email, accountId: otherAccountId, organisationId }).thenThrows('EMAIL_TAKEN');
    expect(error.errors).toEqual([{ path: 'email', message: 'Этот email уже зарегистрирован' }]);
  });

  it('lets the owner release its login, after which another account may claim it', () => {
    spec.given([claimed(phone)]).when({ type: 'ReleaseLogin', ...phone, accountId }).then([released(phone)]);
    spec.given([claimed(phone), released(phone)]).when({ type: 'ClaimLogin', ...phone, accountId: otherAccountId, organisationId }).then([claimed(phone, otherAccountId)]);
  });

  it('ignores a release by an account that does not hold the login', () => {
    spec.given([claimed(phone)]).when({ type: 'ReleaseLogin', ...phone, accountId: otherAccountId }).then([]);
    spec.given([]).when({ type: 'ReleaseLogin', ...phone, accountId }).then([]);
  });
});
