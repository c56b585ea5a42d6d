import { Readable } from 'node:stream';
import { type FieldError, isStorableText as contractsIsStorableText, UNSTORABLE_TEXT_MESSAGE } from '@elk/contracts';
import type { FastifyInstance } from 'fastify';
import { HttpProblem, MESSAGES } from './problem';

/**
 * Taken once: it is called for every string and key of a body, and a call through the import goes through the two
 * getters of the compiled `export *` of @elk/contracts each time (~1% of the gateway's CPU for a push of 100 events).
 */
const isStorableText = contractsIsStorableText;

/** Enough for a person to find the fields; a body full of bad text does not get a list as long as itself. */
const MAX_REPORTED_FIELDS = 20;

/**
 * Refuses, for every route, a request whose path parameters, query string or JSON body carry text PostgreSQL cannot
 * store (see `isStorableText`): 400 with each such field named, before any handler or service sees it.
 */
export function refuseUnstorableText(fastify: FastifyInstance): void {
  fastify.addHook('preValidation', (request, _reply, done) => {
    const paths = [request.params, request.query, request.body].flatMap(unstorableTextPaths).slice(0, MAX_REPORTED_FIELDS);
    if (paths.length === 0) return done();
    const errors: FieldError[] = paths.map((path) => ({ path, message: UNSTORABLE_TEXT_MESSAGE }));
    done(new HttpProblem('VALIDATION_FAILED', MESSAGES.invalidInput, { errors }));
  });
}

interface Visit {
  value: unknown;
  key: string;
  parent: Visit | null;
}

/**
 * The paths (`items.0.name`) of the strings and keys in a parsed JSON value that cannot be stored. Walks breadth
 * first without recursion, and builds a path only for what it reports: a 64 KiB body may nest thousands deep.
 */
export function unstorableTextPaths(root: unknown): string[] {
  if (!holdsUnstorableText(root)) return [];
  const found: string[] = [];
  const queue: Visit[] = [{ value: root, key: '', parent: null }];
  for (let index = 0; index < queue.length && found.length < MAX_REPORTED_FIELDS; index++) {
    const visit = queue[index]!;
    if (typeof visit.value === 'string') {
      if (!isStorableText(visit.value)) found.push(pathOf(visit));
    } else if (isJsonContainer(visit.value)) {
      for (const [key, value] of Object.entries(visit.value)) {
        const child = { value, key, parent: visit };
        if (isStorableText(key)) queue.push(child);
        else found.push(pathOf(child));
      }
    }
  }
  return found;
}

/**
 * Whether anything in the value cannot be stored: the walk without paths, entries or visits, so that a body with
 * nothing to report (nearly every one) allocates nothing but a stack. A terminal's push of 100 sale events took 0.2 ms.
 */
function holdsUnstorableText(root: unknown): boolean {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value === 'string') {
      if (!isStorableText(value)) return true;
    } else if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index++) stack.push(value[index]);
    } else if (isJsonContainer(value)) {
      for (const key of Object.keys(value)) {
        if (!isStorableText(key)) return true;
        stack.push((value as Record<string, unknown>)[key]);
      }
    }
  }
  return false;
}

// Objects and arrays as JSON, the query string and the path parameters hold them; not bytes (product files) or a stream.
function isJsonContainer(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !ArrayBuffer.isView(value) && !(value instanceof Readable);
}

function pathOf(visit: Visit): string {
  const keys: string[] = [];
  for (let at: Visit | null = visit; at?.parent; at = at.parent) keys.push(at.key);
  return keys.reverse().join('.');
}
