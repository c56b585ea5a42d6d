import { selectSmsChannel, type SmsChannelInputs } from './sms-channel.selection';

describe('selectSmsChannel', () => {
  const cases: Array<[SmsChannelInputs, ReturnType<typeof selectSmsChannel>]> = [
    [{ mode: 'embedded', twilioConfigured: false, devOutboxRequested: false }, 'dev-outbox'],
    [{ mode: 'embedded', twilioConfigured: false, devOutboxRequested: true }, 'dev-outbox'],
    [{ mode: 'embedded', twilioConfigured: true, devOutboxRequested: false }, 'twilio'],
    [{ mode: 'embedded', twilioConfigured: true, devOutboxRequested: true }, 'twilio'],
    [{ mode: 'distributed', twilioConfigured: false, devOutboxRequested: false }, 'unavailable'],
    [{ mode: 'distributed', twilioConfigured: false, devOutboxRequested: true }, 'dev-outbox'],
    [{ mode: 'distributed', twilioConfigured: true, devOutboxRequested: false }, 'twilio'],
    [{ mode: 'distributed', twilioConfigured: true, devOutboxRequested: true }, 'twilio'],
  ];

  it.each(cases)('%j → %s', (inputs, expected) => {
    expect(selectSmsChannel(inputs)).toBe(expected);
  });
});
