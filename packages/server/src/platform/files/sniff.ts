/** File types accepted as materials (DESIGN §4), recognised by their content, never by their name. */
export type SniffedType = { mimeType: string; extension: string };

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((byte, index) => bytes[index] === byte);
}

function containsAscii(bytes: Uint8Array, text: string): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(text, 0, 'latin1');
}

export function sniffFileType(bytes: Uint8Array): SniffedType | null {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return { mimeType: 'application/pdf', extension: 'pdf' };
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return { mimeType: 'image/png', extension: 'png' };
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { mimeType: 'image/jpeg', extension: 'jpg' };
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    // OLE compound file: legacy Word or Excel
    return containsAscii(bytes, 'W\0o\0r\0d\0D\0o\0c\0u\0m\0e\0n\0t')
      ? { mimeType: 'application/msword', extension: 'doc' }
      : { mimeType: 'application/vnd.ms-excel', extension: 'xls' };
  }
  if (startsWith(bytes, ZIP_MAGIC)) {
    if (containsAscii(bytes, 'word/')) {
      return { mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extension: 'docx' };
    }
    if (containsAscii(bytes, 'xl/')) {
      return { mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' };
    }
  }
  return null;
}
