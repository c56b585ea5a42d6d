import { InvalidDocumentQueryError, compareCheckpoints, defineCollection, hasApplied } from './document-store';

describe('defineCollection', () => {
  it('names indexes after the collection and fields unless named', () => {
    const collection = defineCollection('crm.people.v1', { indexes: [{ fields: ['organisationId', 'email'], unique: true }, { fields: ['phone'], name: 'by_phone', neededWhileRebuilding: true }] });
    expect(collection.indexes).toEqual([
      { fields: ['organisationId', 'email'], unique: true, name: 'crm.people.v1:organisationId,email', neededWhileRebuilding: false },
      { fields: ['phone'], unique: false, name: 'by_phone', neededWhileRebuilding: true },
    ]);
  });

  it('rejects names PostgreSQL would mangle and fields that are not plain paths', () => {
    expect(() => defineCollection('People')).toThrow(InvalidDocumentQueryError);
    expect(() => defineCollection('people"; drop')).toThrow(InvalidDocumentQueryError);
    expect(() => defineCollection('people.v1', { indexes: [{ fields: ['a'.repeat(60)] }] })).toThrow(/too long/);
    expect(() => defineCollection('people.v1', { indexes: [{ fields: [] }] })).toThrow(InvalidDocumentQueryError);
    expect(() => defineCollection('people.v1', { searchFields: ["name') --"] })).toThrow(InvalidDocumentQueryError);
  });
});

describe('checkpoints', () => {
  it('orders by transaction id first, then position, as the global log does', () => {
    expect(compareCheckpoints({ transactionId: 5n, globalPosition: 100n }, { transactionId: 6n, globalPosition: 1n })).toBe(-1);
    expect(compareCheckpoints({ transactionId: 6n, globalPosition: 2n }, { transactionId: 6n, globalPosition: 1n })).toBe(1);
    expect(compareCheckpoints({ transactionId: 6n, globalPosition: 2n }, { transactionId: 6n, globalPosition: 2n })).toBe(0);
  });

  it('tells whether a document already reflects an event', () => {
    const document = { checkpoint: { transactionId: 6n, globalPosition: 2n } };
    expect(hasApplied(document, { transactionId: 6n, globalPosition: 2n })).toBe(true);
    expect(hasApplied(document, { transactionId: 5n, globalPosition: 9n })).toBe(true);
    expect(hasApplied(document, { transactionId: 7n, globalPosition: 1n })).toBe(false);
    expect(hasApplied({ checkpoint: null }, { transactionId: 1n, globalPosition: 1n })).toBe(false);
    expect(hasApplied(null, { transactionId: 1n, globalPosition: 1n })).toBe(false);
  });
});
