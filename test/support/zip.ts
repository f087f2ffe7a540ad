/** Hand-made zip files for the DOCX readers' tests: well-formed, broken and bombs. */
import { deflateRawSync } from 'node:zlib';

/** A zip of deflated entries; `size` overrides the declared uncompressed size (a lying bomb). */
export interface ZipEntry {
  name: string;
  /** the content, deflated here; or give `deflated` (already compressed) instead */
  data?: Buffer;
  deflated?: Buffer;
  /** the uncompressed size the headers declare (default: the data's); a lie makes a bomb */
  size?: number;
  /** kept as it is (method 0) instead of deflated */
  stored?: boolean;
}

export function zip(entries: readonly ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const data = e.data ?? Buffer.alloc(0);
    const body = e.stored ? data : (e.deflated ?? deflateRawSync(data));
    const size = e.size ?? data.length;
    const header = (central: boolean) => {
      const h = Buffer.alloc(central ? 46 : 30);
      h.writeUInt32LE(central ? 0x02014b50 : 0x04034b50, 0);
      const base = central ? 2 : 0; // the central header has "version made by" first
      h.writeUInt16LE(20, 4 + base);
      h.writeUInt16LE(e.stored ? 0 : 8, 8 + base);
      h.writeUInt32LE(body.length, 18 + base);
      h.writeUInt32LE(size, 22 + base);
      h.writeUInt16LE(name.length, 26 + base);
      if (central) h.writeUInt32LE(offset, 42);
      return Buffer.concat([h, name]);
    };
    centrals.push(header(true));
    const local = Buffer.concat([header(false), body]);
    locals.push(local);
    offset += local.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
