import { open } from 'node:fs/promises';

/**
 * Family and full names from a TrueType/OpenType font's `name` table (the first font of a
 * collection), lower-cased: what an ASS style's Fontname is matched against. WOFF files and
 * anything unreadable give no names.
 */
export function fontNamesOf(bytes: Uint8Array): string[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 12) return [];
  let offset = 0;
  if (view.getUint32(0) === 0x74746366 /* ttcf */) {
    if (bytes.byteLength < 16) return [];
    offset = view.getUint32(12);
  }
  const nameTable = findTable(view, offset, 'name');
  return nameTable ? readNames(view, nameTable.offset, nameTable.length) : [];
}

function findTable(view: DataView, start: number, tag: string): { offset: number; length: number } | null {
  if (start + 12 > view.byteLength) return null;
  const tables = view.getUint16(start + 4);
  for (let index = 0; index < tables; index++) {
    const entry = start + 12 + index * 16;
    if (entry + 16 > view.byteLength) return null;
    const name = String.fromCharCode(view.getUint8(entry), view.getUint8(entry + 1), view.getUint8(entry + 2), view.getUint8(entry + 3));
    if (name === tag) return { offset: view.getUint32(entry + 8), length: view.getUint32(entry + 12) };
  }
  return null;
}

function readNames(view: DataView, tableOffset: number, length: number): string[] {
  if (tableOffset + 6 > view.byteLength) return [];
  const count = view.getUint16(tableOffset + 2);
  const strings = tableOffset + view.getUint16(tableOffset + 4);
  const names = new Set<string>();
  for (let index = 0; index < count; index++) {
    const record = tableOffset + 6 + index * 12;
    if (record + 12 > tableOffset + length || record + 12 > view.byteLength) break;
    const platform = view.getUint16(record);
    const nameId = view.getUint16(record + 6);
    // 1 family, 4 full name, 6 PostScript name, 16 typographic family: libass matches all of these.
    if (![1, 4, 6, 16].includes(nameId)) continue;
    const size = view.getUint16(record + 8);
    const at = strings + view.getUint16(record + 10);
    if (at + size > view.byteLength) continue;
    let text = '';
    if (platform === 0 || platform === 3) {
      for (let position = 0; position + 1 < size; position += 2) text += String.fromCharCode(view.getUint16(at + position));
    } else if (platform === 1) {
      for (let position = 0; position < size; position++) text += String.fromCharCode(view.getUint8(at + position));
    }
    if (text.trim()) names.add(text.trim().toLowerCase());
  }
  return [...names];
}

/** Reads only the table directory and the `name` table of a font file: system fonts can be tens of megabytes. */
export async function fontNamesOfFile(filePath: string): Promise<string[]> {
  const handle = await open(filePath, 'r');
  try {
    const head = new Uint8Array(16);
    await handle.read(head, 0, 16, 0);
    const headView = new DataView(head.buffer);
    const start = headView.getUint32(0) === 0x74746366 ? headView.getUint32(12) : 0;
    const directoryHead = new Uint8Array(12);
    await handle.read(directoryHead, 0, 12, start);
    const tables = new DataView(directoryHead.buffer).getUint16(4);
    if (tables === 0 || tables > 512) return [];
    const directory = new Uint8Array(12 + tables * 16);
    await handle.read(directory, 0, directory.length, start);
    const table = findTable(new DataView(directory.buffer), 0, 'name');
    if (!table || table.length > 4 * 1024 * 1024) return [];
    const nameBytes = new Uint8Array(table.length);
    await handle.read(nameBytes, 0, table.length, table.offset);
    return readNames(new DataView(nameBytes.buffer), 0, table.length);
  } catch {
    return [];
  } finally {
    await handle.close();
  }
}
