import type { DescMessage } from '@bufbuild/protobuf';
import type { z } from 'zod';
import { POS_MESSAGES, plainToProtobuf, protobufToPlain } from './pos-wire';
import type { TerminalCatalogPage } from '../catalog/terminal-catalog';
import type { TerminalLogIn, TerminalSettings } from './terminal.http';

/** The field names of a message, nested messages (also those in lists) as their own trees, everything else null. */
type FieldTree = { [field: string]: FieldTree | null };

function zodTree(schema: z.ZodType): FieldTree | null {
  const def = (schema as unknown as { def: { type: string; innerType?: z.ZodType; in?: z.ZodType; element?: z.ZodType; shape?: Record<string, z.ZodType> } }).def;
  if (def.type === 'nullable' || def.type === 'optional' || def.type === 'default') return zodTree(def.innerType!);
  if (def.type === 'pipe') return zodTree(def.in!);
  if (def.type === 'array') return zodTree(def.element!);
  if (def.type !== 'object') return null;
  return Object.fromEntries(Object.entries(def.shape!).map(([name, field]) => [name, zodTree(field)]));
}

function protoTree(schema: DescMessage): FieldTree {
  return Object.fromEntries(
    schema.fields.map((field) => [field.jsonName, field.fieldKind === 'message' || (field.fieldKind === 'list' && field.listKind === 'message') ? protoTree(field.message) : null]),
  );
}

const settings = (kpp: string | null): TerminalSettings => ({
  organisation: { id: '11111111-1111-4111-8111-111111111111', name: 'ООО «Ромашка»' },
  legalEntity: { id: '22222222-2222-4222-8222-222222222222', type: kpp ? 'ooo' : 'ip', name: 'Ромашка', inn: '7707083893', kpp, taxSystem: 'usn-income' },
  salesPoint: {
    id: '33333333-3333-4333-8333-333333333333',
    name: 'Магазин у дома',
    address: 'г. Москва, ул. Тверская, д. 1',
    paymentMethods: { owner: ['cash', 'card', 'sbp'], admin: ['cash'], manager: [], cashier: ['counter-provision'], guest: [] },
  },
  workplace: { id: '44444444-4444-4444-8444-444444444444', name: 'Касса №1', number: 1, type: 'stationary' },
  extensions: {},
});

describe('the terminal API in protobuf', () => {
  it.each(Object.entries(POS_MESSAGES))('describes %s with the same fields as its zod contract', (_name, { zod, proto }) => {
    expect(protoTree(proto)).toEqual(zodTree(zod));
  });

  it('reads back from protobuf exactly the object JSON would carry, an absent КПП as null', () => {
    for (const value of [settings('773601001'), settings(null)]) {
      const { proto, zod } = POS_MESSAGES.TerminalSettings;
      const read = protobufToPlain(proto, plainToProtobuf(proto, value));
      expect(read).toEqual(value);
      expect(zod.parse(read)).toEqual(value);
    }
  });

  it('reads a log-in answer back from protobuf as its JSON, a Guest who may not sell and takes nothing included', () => {
    const session = (role: 'cashier' | 'guest', paymentMethods: TerminalLogIn['session']['paymentMethods']): TerminalLogIn => ({
      token: 'elkt.token',
      session: {
        employee: { id: '55555555-5555-4555-8555-555555555555', name: 'Петрова Анна' },
        role,
        salesPoint: { id: '33333333-3333-4333-8333-333333333333', name: 'Магазин у дома' },
        workplace: { id: '44444444-4444-4444-8444-444444444444', name: 'Касса №1', number: 100 },
        paymentMethods,
        canSell: role !== 'guest',
        expiresAt: '2026-12-06T22:00:00.000Z',
      },
    });
    for (const value of [session('cashier', ['cash', 'card']), session('guest', [])]) {
      const { proto, zod } = POS_MESSAGES.TerminalLogIn;
      const read = protobufToPlain(proto, plainToProtobuf(proto, value));
      expect(read).toEqual(value);
      expect(zod.parse(read)).toEqual(value);
    }
  });

  it('leaves a missing PIN-code empty, so that the contract names it', () => {
    const { proto, zod } = POS_MESSAGES.TerminalLogInRequest;
    const read = protobufToPlain(proto, plainToProtobuf(proto, { employee: '+79120001122' }));
    expect(read).toEqual({ employee: '+79120001122', pin: '' });
    expect(zod.safeParse(read).error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)).toEqual(['pin: PIN-код — 4 цифры из SMS']);
  });

  it('reads a catalog page back from protobuf as its JSON: absent parents, categories and articles null, prices as numbers', () => {
    const page: TerminalCatalogPage = {
      units: [{ id: '55555555-5555-4555-8555-555555555555', name: 'килограмм', shortName: 'кг', measureCode: 11 }],
      categories: [
        { id: '66666666-6666-4666-8666-666666666666', name: 'Напитки', parentId: null },
        { id: '77777777-7777-4777-8777-777777777777', name: 'Кофе', parentId: '66666666-6666-4666-8666-666666666666' },
      ],
      products: [
        {
          id: '88888888-8888-4888-8888-888888888888',
          name: 'Кофе зерновой',
          price: 99_999_999_999,
          unitId: '55555555-5555-4555-8555-555555555555',
          categoryId: '77777777-7777-4777-8777-777777777777',
          vatCode: 11,
          paymentSubject: 33,
          marked: true,
          barcodes: ['4600000000008', '46000003'],
          article: 'К-1',
          countryCode: '643',
        },
        { id: '99999999-9999-4999-8999-999999999999', name: 'Доставка', price: 0, unitId: '55555555-5555-4555-8555-555555555555', categoryId: null, vatCode: 6, paymentSubject: 4, marked: false, barcodes: [], article: null, countryCode: null },
      ],
      deleted: [{ kind: 'product', id: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa' }],
      cursor: 'c1.2f.1a',
      more: true,
    };
    const { proto, zod } = POS_MESSAGES.TerminalCatalogPage;
    const read = protobufToPlain(proto, plainToProtobuf(proto, page));
    expect(read).toEqual(page);
    expect(zod.parse(read)).toEqual(page);
  });

  it('leaves a missing device null, so that the contract names it', () => {
    const { proto, zod } = POS_MESSAGES.ActivationRequest;
    const read = protobufToPlain(proto, plainToProtobuf(proto, { code: 'ABCD-EFGH' }));
    expect(read).toEqual({ code: 'ABCD-EFGH', device: null });
    expect(zod.safeParse(read).error?.issues.map((issue) => issue.path.join('.'))).toEqual(['device']);
  });

  it('reads back a report of only a bank terminal with no register, and an answer that recorded nothing for a device', () => {
    const report = { fiscalRegister: null, bankTerminal: { model: 'Ingenico Move/5000', tid: '10293847', mid: '781234567890' } };
    const request = POS_MESSAGES.EquipmentReport;
    expect(protobufToPlain(request.proto, plainToProtobuf(request.proto, report))).toEqual(report);
    const answer = { fiscalRegister: { id: '55555555-5555-4555-8555-555555555555', changes: [] }, bankTerminal: { id: '66666666-6666-4666-8666-666666666666', changes: ['moved', 'updated'] } };
    const response = POS_MESSAGES.EquipmentReportResponse;
    expect(response.zod.parse(protobufToPlain(response.proto, plainToProtobuf(response.proto, answer)))).toEqual(answer);
  });
});
