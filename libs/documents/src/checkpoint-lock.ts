import { START_OF_LOG, type GlobalCheckpoint } from '@elk/eventstore';
import { defineCollection, type DocumentSession } from './document-store';

/**
 * One document per checkpoint name, written first by every transaction that moves the checkpoint: its row lock,
 * held until that transaction ends, is the checkpoint's lock (the store port has no advisory locks, but any
 * adapter can write a document). PGlite runs one transaction at a time anyway.
 */
export const checkpointLocks = defineCollection<{ name: string }>('elk.checkpoint-locks');

/**
 * Takes the lock of checkpoint `name` for the rest of the transaction and returns the checkpoint as stored once
 * the previous holder has committed. The store must have set up `checkpointLocks`.
 */
export async function lockCheckpoint(session: DocumentSession, name: string): Promise<GlobalCheckpoint> {
  await session.collection(checkpointLocks).upsert(name, { name });
  return (await session.getCheckpoint(name)) ?? START_OF_LOG;
}
