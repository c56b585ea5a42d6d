import { InProcessMessageBus, type InProcessMessageBusOptions } from './in-process-message-bus';
import type { MessageBus } from './message-bus';
import { NatsMessageBus, type NatsMessageBusOptions } from './nats-message-bus';

export type MessageBusConfig = ({ kind: 'nats' } & NatsMessageBusOptions) | ({ kind: 'in-process' } & InProcessMessageBusOptions);

/** The bus of the run mode: NATS when distributed, in-process when embedded. */
export async function createMessageBus(config: MessageBusConfig): Promise<MessageBus> {
  switch (config.kind) {
    case 'nats':
      return NatsMessageBus.connect(config);
    case 'in-process':
      return new InProcessMessageBus(config);
  }
}
