import { Controller, Get } from '@nestjs/common';
import { z } from 'zod';
import { HttpProblem } from '../http/problem';
import { ReadinessProbe } from './readiness.probe';

export const HealthStatus = z.object({ status: z.enum(['ok', 'ready']) });
export type HealthStatus = z.infer<typeof HealthStatus>;

@Controller('api')
export class HealthHttpController {
  constructor(private readonly readiness: ReadinessProbe) {}

  /** Liveness: the process answers. */
  @Get('health')
  health(): HealthStatus {
    return { status: 'ok' };
  }

  /** Readiness: the bus carries requests. */
  @Get('ready')
  async ready(): Promise<HealthStatus> {
    if (!(await this.readiness.isReady())) throw new HttpProblem('SERVICE_UNAVAILABLE', 'Шина сообщений недоступна, сервис не готов принимать запросы');
    return { status: 'ready' };
  }
}
