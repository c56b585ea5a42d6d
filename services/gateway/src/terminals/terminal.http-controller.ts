import { createHash } from 'node:crypto';
import {
  ActivationResponse,
  CatalogSubjects,
  DevicesSubjects,
  EquipmentReportResponse,
  IdentitySubjects,
  PushSaleEventsResponse,
  SalesJournalSubjects,
  TerminalCatalogPage,
  TerminalLogIn,
  TerminalSession,
  TerminalSettings,
  type TerminalDevice,
} from '@elk/contracts';
import { Controller, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ServiceBus } from '../bus/service-bus';
import { ClientIp, CorrelationId } from '../http/request-context';
import { Route, RouteInput, type InputOf } from '../routes/route';
import { AttemptThrottle } from '../throttle/attempt-throttle';
import { CurrentDevice, CurrentTerminalSession, type CashierSession } from './device.guard';
import { protobufEtag, wantsProtobuf } from './protobuf-bodies';
import { TerminalAuthCache } from './terminal-auth-cache';
import { TerminalRoutes } from './terminal.routes';

/**
 * A push is decided and written in one go: it gets the usual timeout and this much more for each of its events (500
 * events: 25 s more). A push the sales journal took and never answered (it was killed) is a 504 the terminal retries
 * after the usual 5 s, not 30.
 */
const SALE_PUSH_TIMEOUT_PER_EVENT_MS = 50;

@Controller()
export class TerminalHttpController {
  constructor(
    private readonly bus: ServiceBus,
    private readonly throttle: AttemptThrottle,
    private readonly authCache: TerminalAuthCache,
  ) {}

  /** Every try counts against the address before the code is looked at: codes are short enough to guess at. */
  @Route(TerminalRoutes.activate)
  async activate(@RouteInput() { body }: InputOf<typeof TerminalRoutes.activate>, @ClientIp() ip: string, @CorrelationId() correlationId: string): Promise<ActivationResponse> {
    await this.throttle.activationAttempt(ip);
    const activated = await this.bus.request(DevicesSubjects.ActivateDevice, { activation: body }, ActivationResponse, { correlationId });
    // The workplace's credential before this one is dead now.
    this.authCache.dropOrganisation(activated.organisationId);
    return activated;
  }

  /** The settings with a strong ETag of their JSON: a terminal polling with If-None-Match gets 304 while nothing changed. */
  @Route(TerminalRoutes.settings)
  async settings(
    @RouteInput() { headers }: InputOf<typeof TerminalRoutes.settings>,
    @CurrentDevice() device: TerminalDevice,
    @CorrelationId() correlationId: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TerminalSettings | undefined> {
    const settings = await this.bus.request(DevicesSubjects.GetTerminalSettings, { device }, TerminalSettings, { correlationId });
    const etag = `"${createHash('sha256').update(JSON.stringify(settings)).digest('base64url')}"`;
    return notModified(request, reply, etag, headers['if-none-match']) ? undefined : settings;
  }

  /**
   * A page of the catalog's changes after the cursor. Its ETag is the cursor it leads to: the state of the catalog the
   * terminal has once it applied the page. Asking from that cursor with that tag is answered 304 while nothing changed.
   */
  @Route(TerminalRoutes.catalog)
  async catalog(
    @RouteInput() { query, headers }: InputOf<typeof TerminalRoutes.catalog>,
    @CurrentDevice() device: TerminalDevice,
    @CorrelationId() correlationId: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TerminalCatalogPage | undefined> {
    const page = await this.bus.request(CatalogSubjects.GetTerminalCatalog, { ...query, organisationId: device.organisationId }, TerminalCatalogPage, { correlationId });
    const unchanged = page.cursor === query.cursor && !page.more;
    return notModified(request, reply, `"${page.cursor}"`, unchanged ? headers['if-none-match'] : undefined) ? undefined : page;
  }

  /** Every try counts against the terminal before the PIN-code is looked at; identity counts wrong ones per employee. */
  @Route(TerminalRoutes.logIn)
  async logIn(@RouteInput() { body }: InputOf<typeof TerminalRoutes.logIn>, @CurrentDevice() device: TerminalDevice, @CorrelationId() correlationId: string): Promise<TerminalLogIn> {
    await this.throttle.pinAttempt(device.credentialId);
    try {
      return await this.bus.request(DevicesSubjects.LogInTerminal, { device, login: body }, TerminalLogIn, { correlationId });
    } finally {
      // A log-in ends the device's session before it (a refused one may have been a timeout that did not refuse).
      this.authCache.dropOrganisation(device.organisationId);
    }
  }

  /** The session as TerminalSessionGuard found it: asked of the services, or kept since they were last asked. */
  @Route(TerminalRoutes.currentSession)
  currentSession(@CurrentTerminalSession() { token: _token, ...session }: CashierSession): TerminalSession {
    return session;
  }

  @Route(TerminalRoutes.logOut)
  async logOut(@CurrentDevice() device: TerminalDevice, @CurrentTerminalSession() { token }: CashierSession, @CorrelationId() correlationId: string): Promise<void> {
    try {
      await this.bus.request(IdentitySubjects.CloseTerminalSession, { device, token }, z.unknown(), { correlationId });
    } finally {
      this.authCache.dropOrganisation(device.organisationId);
    }
  }

  /**
   * A batch of sale events from the terminal's logged-in cashier, with the session TerminalSessionGuard found (what the
   * cashier's role may take at the terminal's sales point): the sales journal decides and records each event.
   */
  @Route(TerminalRoutes.pushSales)
  async pushSales(
    @RouteInput() { body }: InputOf<typeof TerminalRoutes.pushSales>,
    @CurrentDevice() device: TerminalDevice,
    @CurrentTerminalSession() { token: _token, ...session }: CashierSession,
    @CorrelationId() correlationId: string,
  ): Promise<PushSaleEventsResponse> {
    return this.bus.request(SalesJournalSubjects.PushSaleEvents, { device, session, push: body }, PushSaleEventsResponse, { correlationId, extraTimeoutMs: SALE_PUSH_TIMEOUT_PER_EVENT_MS * body.events.length });
  }

  /** The terminal's fiscal register and/or bank terminal, recorded against the workplace its credential is for. */
  @Route(TerminalRoutes.equipment)
  reportEquipment(@RouteInput() { body }: InputOf<typeof TerminalRoutes.equipment>, @CurrentDevice() device: TerminalDevice, @CorrelationId() correlationId: string): Promise<EquipmentReportResponse> {
    return this.bus.request(DevicesSubjects.ReportEquipment, { device, report: body }, EquipmentReportResponse, { correlationId });
  }
}

/**
 * Sets the answer's ETag and, when `ifNoneMatch` holds it, makes the answer a 304 (true). The protobuf answer's tag is
 * set on its way out (protobuf-bodies.ts); the one the terminal holds is of the format it asks for.
 */
function notModified(request: FastifyRequest, reply: FastifyReply, etag: string, ifNoneMatch: string | undefined): boolean {
  void reply.header('etag', etag);
  const held = wantsProtobuf(request) ? protobufEtag(etag) : etag;
  if (!ifNoneMatch?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === held)) return false;
  void reply.status(304);
  return true;
}
