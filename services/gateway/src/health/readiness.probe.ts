import { randomUUID } from 'node:crypto';
import type { Closeable, MessageBus } from '@elk/messaging';
import { MESSAGE_BUS } from '@elk/service-kit';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';

/**
 * The gateway's own bus is its only dependency: it is ready when a request it sends to itself over the bus
 * comes back (through the NATS server in distributed mode).
 */
@Injectable()
export class ReadinessProbe implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly subject = `elk.gateway.qry.Ping.${randomUUID()}`;
  private serving: Closeable | null = null;

  constructor(@Inject(MESSAGE_BUS) private readonly bus: MessageBus) {}

  async onApplicationBootstrap(): Promise<void> {
    this.serving = await this.bus.serve(this.subject, async () => 'pong');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.serving?.close();
    this.serving = null;
  }

  async isReady(): Promise<boolean> {
    if (!this.serving) return false;
    try {
      return (await this.bus.request(this.subject, null, { timeoutMs: 1_000 })) === 'pong';
    } catch {
      return false;
    }
  }
}
