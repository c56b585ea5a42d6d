import { Controller } from '@nestjs/common';
import { BusPayload, AnonymousCall } from '@elk/service-kit';
import { MessagePattern } from '@nestjs/microservices';
import { FindLoginOwner, type FoundLoginOwner, IdentitySubjects } from '@elk/contracts';
import { LoginRegistry, loginNameOf } from '../login.registry';
import { IDENTITY_QUEUE } from '../../identity.queue';

@Controller()
export class FindLoginOwnerHandler {
  constructor(private readonly logins: LoginRegistry) {}

  @MessagePattern(IdentitySubjects.FindLoginOwner, { queue: IDENTITY_QUEUE })
  @AnonymousCall()
  async execute(@BusPayload(FindLoginOwner) query: FindLoginOwner): Promise<FoundLoginOwner> {
    const name = loginNameOf(query.login);
    const owner = name ? await this.logins.ownerOf(name) : null;
    return { accountId: owner?.accountId ?? null };
  }
}
