import { START_OF_LOG, type GlobalCheckpoint } from '@elk/eventstore';
import type { DocumentSession } from './document-store';

/**
 * Takes the lock of checkpoint `name` for the rest of the transaction and returns the checkpoint as stored once
 * the previous holder has committed (the log's start when there is none yet).
 */
export async function lockCheckpoint(session: DocumentSession, name: string): Promise<GlobalCheckpoint> {
  return (await session.lockCheckpoint(name)) ?? START_OF_LOG;
}
