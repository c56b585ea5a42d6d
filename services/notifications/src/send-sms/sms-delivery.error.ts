import { DomainError, type ErrorCode, type FieldError } from '@elk/contracts';

/** What the provider said about a failed request, for logs (never the SMS text). */
export interface SmsFailureDiagnostics {
  /** HTTP status of the provider's answer. */
  providerStatus?: number;
  /** The provider's own error number (Twilio: 21211 and so on). */
  providerErrorCode?: number;
  /** Set when no answer came at all: ECONNREFUSED, ECONNABORTED (time-out), … */
  networkError?: string;
  /** Class of an error that is neither of the above (a bug, most likely). */
  errorName?: string;
}

/**
 * The provider refused or could not take an SMS. A DomainError, so it travels back over the bus with its
 * code and Russian message; the diagnostics stay in this process for its logs.
 */
export class SmsDeliveryError extends DomainError {
  constructor(
    code: ErrorCode,
    message: string,
    readonly diagnostics: SmsFailureDiagnostics,
    errors?: FieldError[],
  ) {
    super(code, message, errors);
  }
}
