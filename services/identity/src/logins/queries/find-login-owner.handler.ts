import { Injectable } from '@nestjs/common';
import type { FindLoginOwner, FoundLoginOwner } from '@elk/contracts';
import { LoginRegistry, loginNameOf } from '../login.registry';

@Injectable()
export class FindLoginOwnerHandler {
  constructor(private readonly logins: LoginRegistry) {}

  async execute(query: FindLoginOwner): Promise<FoundLoginOwner> {
    const name = loginNameOf(query.login);
    const owner = name ? await this.logins.ownerOf(name) : null;
    return { accountId: owner?.accountId ?? null };
  }
}
