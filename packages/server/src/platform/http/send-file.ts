import { type FileHandle, open } from 'node:fs/promises';
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';

interface OpenFile {
  handle: FileHandle;
  size: number;
}

/**
 * The regular file at `path`, opened, or null when there is none (missing, a directory, vanished meanwhile, a name
 * the file system refuses). Served from the open handle, a file deleted after this check still reads whole.
 */
export async function openRegularFile(path: string): Promise<OpenFile | null> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch {
    return null;
  }
  try {
    const stats = await handle.stat();
    if (stats.isFile()) return { handle, size: stats.size };
  } catch {
    // fall through: unreadable is the same as absent
  }
  await handle.close();
  return null;
}

/**
 * Answers 200 with the file's bytes. A client that goes away early is no failure; a read error cuts the response
 * (rejects, for the caller's failure handling).
 */
export async function sendFile(
  file: OpenFile,
  method: string | undefined,
  response: ServerResponse,
  headers: OutgoingHttpHeaders,
): Promise<void> {
  response.writeHead(200, { ...headers, 'content-length': file.size });
  if (method === 'HEAD') {
    response.end();
    await file.handle.close();
    return;
  }
  try {
    await pipeline(file.handle.createReadStream(), response);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE') throw error;
  }
}
