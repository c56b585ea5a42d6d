import { ScalarType, fromBinary, fromJson, toBinary, toJson, type DescField, type DescMessage, type JsonValue } from '@bufbuild/protobuf';
import type { z } from 'zod';
import { TerminalCatalogPage } from '../catalog/terminal-catalog';
import { ActivationRequestSchema, ActivationResponseSchema } from '../pos-proto/elk/pos/v1/activation_pb';
import { TerminalCatalogPageSchema } from '../pos-proto/elk/pos/v1/catalog_pb';
import { EquipmentReportResponseSchema, EquipmentReportSchema } from '../pos-proto/elk/pos/v1/equipment_pb';
import { TerminalLogInRequestSchema, TerminalLogInSchema, TerminalSessionSchema } from '../pos-proto/elk/pos/v1/session_pb';
import { PushSaleEventsRequestSchema, PushSaleEventsResponseSchema } from '../pos-proto/elk/pos/v1/sales_pb';
import { TerminalSettingsSchema } from '../pos-proto/elk/pos/v1/settings_pb';
import { PushSaleEventsRequest, PushSaleEventsResponse } from '../sales/sales-push.http';
import { EquipmentReport, EquipmentReportResponse } from './equipment.http';
import { ActivationRequest, ActivationResponse, TerminalLogIn, TerminalLogInRequest, TerminalSession, TerminalSettings } from './terminal.http';

/**
 * The terminal API speaks JSON, or protobuf when asked (`Content-Type` / `Accept: application/x-protobuf`). A protobuf
 * message is turned into exactly the object its JSON would be (protobuf's JSON mapping: lowerCamelCase names, choices
 * as the same strings, an absent optional field as null, a 64-bit integer as a number), so one zod contract checks both, and the answers are the
 * same whichever format a terminal asks for.
 */
export const POS_PROTOBUF_CONTENT_TYPE = 'application/x-protobuf';

/** Each message of /pos/v1 with its zod contract (`proto/elk/pos/v1/*.proto`; a test keeps their fields the same). */
export const POS_MESSAGES = {
  ActivationRequest: { zod: ActivationRequest, proto: ActivationRequestSchema },
  ActivationResponse: { zod: ActivationResponse, proto: ActivationResponseSchema },
  TerminalSettings: { zod: TerminalSettings, proto: TerminalSettingsSchema },
  TerminalLogInRequest: { zod: TerminalLogInRequest, proto: TerminalLogInRequestSchema },
  TerminalLogIn: { zod: TerminalLogIn, proto: TerminalLogInSchema },
  TerminalSession: { zod: TerminalSession, proto: TerminalSessionSchema },
  EquipmentReport: { zod: EquipmentReport, proto: EquipmentReportSchema },
  EquipmentReportResponse: { zod: EquipmentReportResponse, proto: EquipmentReportResponseSchema },
  TerminalCatalogPage: { zod: TerminalCatalogPage, proto: TerminalCatalogPageSchema },
  PushSaleEventsRequest: { zod: PushSaleEventsRequest, proto: PushSaleEventsRequestSchema },
  PushSaleEventsResponse: { zod: PushSaleEventsResponse, proto: PushSaleEventsResponseSchema },
} satisfies Record<string, { zod: z.ZodType; proto: DescMessage }>;

/** A protobuf body as the object its JSON would be (not yet checked by the contract). */
export function protobufToPlain(schema: DescMessage, bytes: Uint8Array): unknown {
  const json = toJson(schema, fromBinary(schema, bytes), { alwaysEmitImplicit: true });
  return withNulls(schema, json);
}

/** An answer as protobuf; it must fit the message (the contract already checked it). */
export function plainToProtobuf(schema: DescMessage, value: unknown): Uint8Array {
  return toBinary(schema, fromJson(schema, withoutNulls(value) as JsonValue));
}

/** 64-bit integers (a price in kopecks): protobuf's JSON writes them as strings, ELK's as numbers (all are safe integers). */
const LONG_SCALARS: ReadonlySet<ScalarType> = new Set([ScalarType.INT64, ScalarType.UINT64, ScalarType.SINT64, ScalarType.FIXED64, ScalarType.SFIXED64]);

/** Optional fields left out of protobuf's JSON are null in ELK's, and 64-bit integers numbers, in messages at any depth. */
function withNulls(schema: DescMessage, json: JsonValue): JsonValue {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return json;
  const out: Record<string, JsonValue> = { ...json };
  for (const field of schema.fields) {
    const value = out[field.jsonName];
    out[field.jsonName] = value === undefined ? null : plainField(field, value);
  }
  return out;
}

function plainField(field: DescField, value: JsonValue): JsonValue {
  switch (field.fieldKind) {
    case 'message':
      return withNulls(field.message, value);
    case 'list':
      if (field.listKind === 'message') return (value as JsonValue[]).map((item) => withNulls(field.message, item));
      return field.listKind === 'scalar' && LONG_SCALARS.has(field.scalar) ? (value as JsonValue[]).map(Number) : value;
    case 'scalar':
      return LONG_SCALARS.has(field.scalar) ? Number(value) : value;
    default:
      return value;
  }
}

/** Protobuf's JSON has no null for a field that is there: an absent optional field is left out. */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== null).map(([key, field]) => [key, withoutNulls(field)]));
}
