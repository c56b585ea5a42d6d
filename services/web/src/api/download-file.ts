import { apiCall } from './api-client';

/**
 * Downloads what `path` answers and saves it under the name the server gives («Товары 2026-11-28.csv»), or
 * `fallbackName`. A whole file is written while the user waits: `timeoutMs` is longer than any other call's.
 */
export async function downloadFile(path: string, fallbackName: string, timeoutMs: number): Promise<void> {
  const response = await apiCall(path, { timeoutMs });
  saveFile(await response.blob(), fileNameOf(response.headers.get('content-disposition')) ?? fallbackName);
}

/** `filename*=UTF-8''…` (RFC 5987) if given, else the plain `filename="…"`. */
function fileNameOf(disposition: string | null): string | undefined {
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '')?.[1];
  if (encoded) return decodeURIComponent(encoded);
  return /filename="([^"]+)"/i.exec(disposition ?? '')?.[1];
}

/** A blob saved through a temporary <a download>: the session's token is a header, so a plain link would not do. */
function saveFile(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
