import { Controller } from '@nestjs/common';
import { HttpProblem } from '../http/problem';
import { Route } from '../routes/route';
import { HealthRoutes, type HealthStatus } from './health.routes';
import { ReadinessProbe } from './readiness.probe';

@Controller()
export class HealthHttpController {
  constructor(private readonly readiness: ReadinessProbe) {}

  @Route(HealthRoutes.health)
  health(): HealthStatus {
    return { status: 'ok' };
  }

  @Route(HealthRoutes.ready)
  async ready(): Promise<HealthStatus> {
    if (!(await this.readiness.isReady())) throw new HttpProblem('SERVICE_UNAVAILABLE', 'Шина сообщений недоступна, сервис не готов принимать запросы');
    return { status: 'ready' };
  }
}
