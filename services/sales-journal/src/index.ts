export { SalesJournalModule, type SalesJournalModuleOptions } from './sales-journal.module';
export { SalesJournalEnv, loadSalesJournalConfig, type SalesJournalConfig } from './sales-journal.config';
export { salesJournalProjections } from './sales-journal.projections';
export { SaleChainWalk, saleChainHash, saleIntegrity, chainLinkOf, type ChainBreak } from './sales/sale-chain';
export { saleStreamId } from './sales/sale.decider';
export { saleRegisterStreamId } from './sales/commands/push-sale-events.handler';
