import { SmsDeliveryError, type SmsFailureDiagnostics } from './sms-delivery.error';

// https://www.twilio.com/docs/api/errors
const INVALID_TO_NUMBER = 21211;
const NOT_A_MOBILE_NUMBER = 21614;
const RECIPIENT_UNSUBSCRIBED = 21610;
const TOO_MANY_REQUESTS = 20429;

/**
 * Turns a Twilio failure into the error the caller gets. Problems with the recipient's number are the
 * caller's to fix (a field error on `to`); everything else — credentials, account, network, outages — is
 * ours, so the merchant only learns that SMS cannot be sent right now.
 */
export function smsDeliveryErrorOf(failure: SmsFailureDiagnostics): SmsDeliveryError {
  switch (failure.providerErrorCode) {
    case INVALID_TO_NUMBER:
      return new SmsDeliveryError('VALIDATION_FAILED', 'Неверный номер телефона', failure, [{ path: 'to', message: 'Неверный номер телефона' }]);
    case NOT_A_MOBILE_NUMBER:
      return new SmsDeliveryError('VALIDATION_FAILED', 'На этот номер нельзя отправить SMS', failure, [
        { path: 'to', message: 'Номер не принимает SMS: укажите мобильный номер' },
      ]);
    case RECIPIENT_UNSUBSCRIBED:
      return new SmsDeliveryError('RULE_VIOLATED', 'Владелец номера отказался от получения SMS', failure);
  }
  if (failure.providerStatus === 429 || failure.providerErrorCode === TOO_MANY_REQUESTS) {
    return new SmsDeliveryError('TOO_MANY_REQUESTS', 'Слишком много SMS, попробуйте через минуту', failure);
  }
  return new SmsDeliveryError('SERVICE_UNAVAILABLE', 'Не удалось отправить SMS, попробуйте позже', failure);
}
