import { Inject, Injectable } from '@nestjs/common';
import type { Actor, ChangeOrigin, ProductFields, ProductView } from '@elk/contracts';
import type { DocumentStore } from '@elk/documents';
import type { EventStore } from '@elk/eventstore';
import {
  CLOCK,
  DOCUMENT_STORE,
  EVENT_STORE,
  busCommandMetadata,
  handleCommand,
  organisationDocument,
  readStreamState,
  type BusHandlerContext,
  type Clock,
  type StreamState,
} from '@elk/service-kit';
import { CatalogProjections } from '../../catalog.projections';
import { categoriesCollection } from '../../categories/queries/category-list.projection';
import { unitsCollection } from '../../units/queries/unit-list.projection';
import { ProductCodeRegistry } from '../product-code.registry';
import { productCodesOf, productDecider, productStreamId, type ProductCommand, type ProductReferences, type ProductState } from '../product.decider';
import { productView } from '../product.view';

export interface SaveProduct {
  productId: string;
  fields: ProductFields;
  /** Absent for a new product. */
  expectedVersion?: number;
  /** False: return without waiting for the product list to show the change (an import waits once per batch). */
  waitForList?: boolean;
  /**
   * The product's stream as the caller has just read it (an import reads it to match the row), spared a second read
   * to see whether the card changes anything; the write itself reads it again.
   */
  known?: StreamState<ProductState>;
  /** What makes the change, for the product's history: absent for a card saved by hand. */
  origin?: ChangeOrigin;
}

/**
 * Adds or edits a product: its unit and category must exist, and its barcodes and article be no other product's.
 * The product's own rules are checked before any code is claimed, so a refused card claims nothing.
 */
@Injectable()
export class ProductWriter {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly codes: ProductCodeRegistry,
    private readonly projections: CatalogProjections,
  ) {}

  async save(save: SaveProduct, actor: Actor, context: BusHandlerContext): Promise<ProductView> {
    const { organisationId } = actor;
    const { productId, fields, expectedVersion, waitForList = true, known, origin } = save;
    const at = this.clock.now().toISOString();
    const references = await this.referencesOf(organisationId, fields);
    const command: ProductCommand =
      expectedVersion === undefined
        ? { type: 'AddProduct', organisationId, productId, fields, references, at }
        : { type: 'UpdateProduct', organisationId, productId, fields, references, expectedVersion, at };
    const metadata = { ...busCommandMetadata(context, organisationId, actor.accountId), ...(origin ? { origin } : {}) };
    const streamId = productStreamId(organisationId, productId);

    const current = known ?? (await readStreamState(this.eventStore, streamId, productDecider));
    if (productDecider.decide(command, current.state).length === 0) return productView(current.state.product!);

    const product = { organisationId, productId, version: current.version };
    const claimed = await this.codes.claimAll(product, productCodesOf(fields), metadata, at);
    try {
      const result = await handleCommand(this.eventStore, streamId, productDecider, command, metadata);
      if (waitForList) await this.projections.waitForStream(streamId, result.nextExpectedVersion);
      return productView(result.newState.product!);
    } catch (error) {
      if (product.version === 0) await this.codes.releaseAll(product, claimed, metadata);
      throw error;
    }
  }

  private async referencesOf(organisationId: string, fields: ProductFields): Promise<ProductReferences> {
    const [unit, category] = await Promise.all([
      organisationDocument(this.documents, unitsCollection, organisationId, fields.unitId),
      fields.categoryId === null ? null : organisationDocument(this.documents, categoriesCollection, organisationId, fields.categoryId),
    ]);
    return { unitFound: unit !== null, categoryFound: fields.categoryId === null || category !== null };
  }
}
