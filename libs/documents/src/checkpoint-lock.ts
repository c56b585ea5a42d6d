import { START_OF_LOG, type GlobalCheckpoint } from '@elk/eventstore';
import { defineCollection, type DocumentSession } from './document-store';

/**
 * Where the checkpoints' locks were kept before each checkpoint's row became its own lock (DocumentSession's
 * `lockCheckpoint`). Nothing writes to it any more; the projection runner and the event relay still ensure it (their
 * files are being changed elsewhere; the line goes when those changes land), which makes the schema and nothing else.
 */
export const checkpointLocks = defineCollection<{ name: string }>('elk.checkpoint-locks');

/**
 * Takes the lock of checkpoint `name` for the rest of the transaction and returns the checkpoint as stored once
 * the previous holder has committed (the log's start when there is none yet).
 */
export async function lockCheckpoint(session: DocumentSession, name: string): Promise<GlobalCheckpoint> {
  return (await session.lockCheckpoint(name)) ?? START_OF_LOG;
}
