/** Text in GBK, the encoding of older Chinese sites (Node encodes only UTF-8 itself). */

let codes: Map<string, number[]> | undefined;

/** Each character's GBK bytes, by what GBK's two-byte codes decode to. */
function table(): Map<string, number[]> {
  if (codes) return codes;
  codes = new Map();
  const decoder = new TextDecoder('gbk');
  for (let lead = 0x81; lead <= 0xfe; lead++)
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      const c = decoder.decode(new Uint8Array([lead, trail]));
      if (c.length === 1 && c !== '\ufffd' && !codes.has(c)) codes.set(c, [lead, trail]);
    }
  return codes;
}

/** `text` in GBK; a character GBK lacks becomes ?. */
export function gbk(text: string): Buffer {
  const bytes: number[] = [];
  for (const c of text) {
    const code = c.charCodeAt(0);
    if (code < 0x80) bytes.push(code);
    else bytes.push(...(table().get(c) ?? [0x3f]));
  }
  return Buffer.from(bytes);
}
