import { DomainError } from '@elk/contracts';
import { smsDeliveryErrorOf } from './twilio-error.mapping';

describe('smsDeliveryErrorOf', () => {
  it('reports an invalid recipient number (21211) as a field error on `to`', () => {
    const error = smsDeliveryErrorOf({ providerStatus: 400, providerErrorCode: 21211 });
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', message: 'Неверный номер телефона', diagnostics: { providerStatus: 400, providerErrorCode: 21211 } });
    expect(error.errors).toEqual([{ path: 'to', message: 'Неверный номер телефона' }]);
  });

  it('reports a landline (21614) as a field error on `to`', () => {
    expect(smsDeliveryErrorOf({ providerStatus: 400, providerErrorCode: 21614 })).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path: 'to' }] });
  });

  it('reports an unsubscribed recipient (21610) as a broken rule', () => {
    expect(smsDeliveryErrorOf({ providerStatus: 400, providerErrorCode: 21610 }).code).toBe('RULE_VIOLATED');
  });

  it.each([{ providerStatus: 429 }, { providerStatus: 429, providerErrorCode: 20429 }])('reports throttling %j as TOO_MANY_REQUESTS', (failure) => {
    expect(smsDeliveryErrorOf(failure).code).toBe('TOO_MANY_REQUESTS');
  });

  it.each([{ providerStatus: 401, providerErrorCode: 20003 }, { providerStatus: 500 }, { providerStatus: 400, providerErrorCode: 21408 }, { networkError: 'ECONNREFUSED' }])(
    'hides our own trouble %j behind SERVICE_UNAVAILABLE',
    (failure) => {
      const error = smsDeliveryErrorOf(failure);
      expect(error.code).toBe('SERVICE_UNAVAILABLE');
      expect(error.message).toBe('Не удалось отправить SMS, попробуйте позже');
      expect(error.errors).toBeUndefined();
    },
  );
});
