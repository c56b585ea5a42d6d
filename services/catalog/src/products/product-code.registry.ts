import { Inject, Injectable } from '@nestjs/common';
import { DomainError, type ProductCodeKind } from '@elk/contracts';
import type { EventStore } from '@elk/eventstore';
import { EVENT_STORE, handleCommand, readStreamState, type CommandMetadata } from '@elk/service-kit';
import { ProductCodeTakenError, productCodeDecider, productCodeStreamId, type CodeHolder } from './product-code.decider';
import { productCodesOf, productDecider, productStreamId } from './product.decider';

/** How many times a claim looks up who holds its code before it gives up. */
const HOLDER_READS = 3;

export interface ProductCode {
  kind: ProductCodeKind;
  code: string;
  /** The code as the merchant typed it, for messages (an article's claim is without letter case). */
  typed?: string;
}

export interface ClaimingProduct {
  organisationId: string;
  productId: string;
  /** Its stream version before the write that needs the codes (0 for a new product). */
  version: number;
}

/** Claims of barcodes and articles (see product-code.decider.ts for why claims are per code and never released on edit). */
@Injectable()
export class ProductCodeRegistry {
  constructor(@Inject(EVENT_STORE) private readonly eventStore: EventStore) {}

  /**
   * Claims every code for the product. When some are held by other products, gives back what this call claimed for
   * a new product and refuses naming the products that have them, under their fields. Returns the codes newly claimed.
   */
  async claimAll(product: ClaimingProduct, codes: readonly ProductCode[], metadata: CommandMetadata, at: string): Promise<ProductCode[]> {
    const outcomes = await Promise.allSettled(codes.map((code) => this.claim(product, code, metadata, at)));
    const claimed = codes.filter((_, index) => {
      const outcome = outcomes[index]!;
      return outcome.status === 'fulfilled' && outcome.value;
    });
    const refusals = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : []));
    if (refusals.length === 0) return claimed;

    if (product.version === 0) await this.releaseAll(product, claimed, metadata);
    const unexpected = refusals.find((error) => !(error instanceof ProductCodeTakenError));
    if (unexpected) throw unexpected;
    const taken = refusals as ProductCodeTakenError[];
    throw new DomainError(
      'RULE_VIOLATED',
      taken.map((error) => error.message).join('. '),
      taken.flatMap((error) => error.errors ?? []),
    );
  }

  /** For a new product whose add failed: the codes it claimed are free again at once. */
  async releaseAll(product: ClaimingProduct, codes: readonly ProductCode[], metadata: CommandMetadata): Promise<void> {
    await Promise.all(
      codes.map(({ kind, code }) =>
        handleCommand(
          this.eventStore,
          productCodeStreamId(product.organisationId, kind, code),
          productCodeDecider,
          { type: 'ReleaseProductCode', organisationId: product.organisationId, kind, code, productId: product.productId },
          metadata,
        ),
      ),
    );
  }

  /**
   * True when this call claimed the code, false when the product held it already. A code held by another product is
   * tried again with what the holder's stream says, which frees it when the holder no longer has it; a holder that
   * keeps changing under us (others taking the code over meanwhile) is given up on after a few reads.
   */
  private async claim(product: ClaimingProduct, { kind, code, typed }: ProductCode, metadata: CommandMetadata, at: string): Promise<boolean> {
    const { organisationId, productId, version } = product;
    let holder: (CodeHolder & { name: string | null }) | undefined;
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await handleCommand(
          this.eventStore,
          productCodeStreamId(organisationId, kind, code),
          productCodeDecider,
          { type: 'ClaimProductCode', organisationId, kind, code, productId, productVersion: version, holder, at },
          metadata,
        );
        return result.newEvents.length > 0;
      } catch (error) {
        if (!(error instanceof ProductCodeTakenError)) throw error;
        const holderKnown = holder?.productId === error.holderProductId;
        if (holderKnown || attempt >= HOLDER_READS) throw new ProductCodeTakenError(kind, typed ?? code, error.holderProductId, holderKnown ? holder!.name : null);
        holder = await this.holderOf(organisationId, error.holderProductId, { kind, code });
      }
    }
  }

  private async holderOf(organisationId: string, productId: string, wanted: ProductCode): Promise<CodeHolder & { name: string | null }> {
    const { state, version } = await readStreamState(this.eventStore, productStreamId(organisationId, productId), productDecider);
    const live = state.product && !state.product.deleted ? state.product : null;
    const hasCode = live !== null && productCodesOf(live).some((held) => held.kind === wanted.kind && held.code === wanted.code);
    return { productId, version, hasCode, name: live?.name ?? null };
  }
}
