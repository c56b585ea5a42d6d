import { DomainError, ProductCodeEvents, type ProductCodeKind } from '@elk/contracts';
import type { Decider, EventOf } from '@elk/service-kit';

/**
 * Barcodes and articles are unique within an organisation. Each code has its own claim stream: the first product to
 * claim it holds it, and the store's expected-version check settles a race between two products (as login names do
 * in identity). One index stream per organisation would be simpler still, but every product write would then read
 * and wait on it: per-code streams keep a write to a few small streams, however large the catalog.
 *
 * A product's stream and its claims cannot be written in one transaction, so a claim is not released when its
 * product drops the code (a crash between the two writes would leave a duplicate). Instead a claim is only as good
 * as its holder: another product may take it over once the holder is known not to have the code — the holder has
 * written since it claimed (so the write that needed the claim is done, or failed), or the claim is older than any
 * write takes (CLAIM_SETTLE_MS). The handler reads the holder and says what it found.
 */
export type ProductCodeEvent = EventOf<typeof ProductCodeEvents>;

/** What the handler read of the product that holds the code. */
export interface CodeHolder {
  productId: string;
  /** Its stream's version now. */
  version: number;
  /** Whether it is live and has the code now. */
  hasCode: boolean;
}

export type ProductCodeCommand =
  | {
      type: 'ClaimProductCode';
      organisationId: string;
      kind: ProductCodeKind;
      code: string;
      productId: string;
      /** The claiming product's stream version before its write (0 for a new product). */
      productVersion: number;
      /** The current holder as the handler found it, when another product holds the code. */
      holder?: CodeHolder;
      at: string;
    }
  /** A new product whose add failed gives back what it claimed. */
  | { type: 'ReleaseProductCode'; organisationId: string; kind: ProductCodeKind; code: string; productId: string };

export interface ProductCodeClaim {
  productId: string;
  productVersion: number;
  claimedAt: string;
}

export interface ProductCodeState {
  claim: ProductCodeClaim | null;
}

export function productCodeStreamId(organisationId: string, kind: ProductCodeKind, code: string): string {
  return `catalog-product-code-${organisationId}-${kind}-${code}`;
}

/** Longer than any product write takes, from its claims to its own append (bounded by the bus timeout). */
export const CLAIM_SETTLE_MS = 60_000;

/** Another product holds the code; the handler looks up its name for the message the merchant reads. */
export class ProductCodeTakenError extends DomainError {
  constructor(
    readonly kind: ProductCodeKind,
    readonly productCode: string,
    readonly holderProductId: string,
    holderName: string | null = null,
  ) {
    const message = `${kind === 'barcode' ? 'Штрихкод' : 'Артикул'} ${productCode} уже есть у ${holderName === null ? 'другого товара' : `товара «${holderName}»`}`;
    super('RULE_VIOLATED', message, [{ path: kind === 'barcode' ? 'barcodes' : 'article', message }]);
  }
}

function isAbandoned(claim: ProductCodeClaim, holder: CodeHolder | undefined, at: string): boolean {
  if (holder?.productId !== claim.productId || holder.hasCode) return false;
  return holder.version > claim.productVersion || Date.parse(at) - Date.parse(claim.claimedAt) > CLAIM_SETTLE_MS;
}

function decide(command: ProductCodeCommand, state: ProductCodeState): ProductCodeEvent[] {
  const { organisationId, kind, code, productId } = command;
  switch (command.type) {
    case 'ClaimProductCode': {
      if (state.claim?.productId === productId) return [];
      if (state.claim && !isAbandoned(state.claim, command.holder, command.at)) throw new ProductCodeTakenError(kind, code, state.claim.productId);
      return [{ type: 'ProductCodeClaimed', data: { organisationId, kind, code, productId, productVersion: command.productVersion, claimedAt: command.at } }];
    }
    case 'ReleaseProductCode':
      return state.claim?.productId === productId ? [{ type: 'ProductCodeReleased', data: { organisationId, kind, code, productId } }] : [];
  }
}

function evolve(_state: ProductCodeState, event: ProductCodeEvent): ProductCodeState {
  switch (event.type) {
    case 'ProductCodeClaimed': {
      const { productId, productVersion, claimedAt } = event.data;
      return { claim: { productId, productVersion, claimedAt } };
    }
    case 'ProductCodeReleased':
      return { claim: null };
  }
}

export const productCodeDecider: Decider<ProductCodeCommand, ProductCodeEvent, ProductCodeState> = {
  decide,
  evolve,
  initialState: { claim: null },
  events: ProductCodeEvents,
};
