/**
 * A .docx as web systems export a page “as Word” (html-docx-js and the like): no text of its own,
 * the page imported whole by <w:altChunk> from a part of the package — MHTML (quoted-printable),
 * HTML or RTF.
 */
import { zip } from './zip.ts';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** Quoted-printable (RFC 2045): bytes outside printable ASCII as =XX, lines of at most 76. */
export function quotedPrintable(bytes: Buffer): string {
  const out: string[] = [];
  let line = '';
  for (const b of bytes) {
    const piece =
      b === 0x0a
        ? '\n'
        : (b >= 33 && b <= 126 && b !== 61) || b === 32
          ? String.fromCharCode(b)
          : `=${b.toString(16).toUpperCase().padStart(2, '0')}`;
    if (piece === '\n') {
      out.push(line);
      line = '';
      continue;
    }
    if (line.length + piece.length > 75) {
      out.push(`${line}=`);
      line = '';
    }
    line += piece;
  }
  out.push(line);
  return out.join('\r\n');
}

/** The page as the MHTML part html-docx-js writes. */
export function mhtPart(html: string): Buffer {
  return Buffer.from(
    [
      'MIME-Version: 1.0',
      'Content-Type: multipart/related;',
      '    type="text/html";',
      '    boundary="----=mhtDocumentPart"',
      '',
      '',
      '------=mhtDocumentPart',
      'Content-Type: text/html;',
      '    charset="utf-8"',
      'Content-Transfer-Encoding: quoted-printable',
      'Content-Location: file:///C:/fake/document.html',
      '',
      quotedPrintable(Buffer.from(html)),
      '',
      '------=mhtDocumentPart--',
      '',
    ].join('\r\n'),
  );
}

/** A .docx importing `parts` (part name under word/, its bytes) in order, with no text of its own. */
export function altChunkDocx(parts: { name: string; bytes: Buffer; absolute?: boolean }[]): Buffer {
  const chunks = parts.map((_, i) => `<w:altChunk r:id="chunk${i}"/>`).join('');
  const rels = parts
    .map(
      (p, i) =>
        `<Relationship Id="chunk${i}" Type="${R}/aFChunk" Target="${p.absolute ? `/word/${p.name}` : p.name}"/>`,
    )
    .join('');
  return zip([
    {
      name: '[Content_Types].xml',
      data: Buffer.from(
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
          '<Default Extension="xml" ContentType="application/xml"/>' +
          '<Default Extension="mht" ContentType="message/rfc822"/><Default Extension="htm" ContentType="text/html"/><Default Extension="rtf" ContentType="application/rtf"/>' +
          '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
      ),
    },
    {
      name: '_rels/.rels',
      data: Buffer.from(
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/officeDocument" Target="word/document.xml"/></Relationships>`,
      ),
    },
    {
      name: 'word/document.xml',
      data: Buffer.from(
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W}" xmlns:r="${R}"><w:body>${chunks}<w:sectPr/></w:body></w:document>`,
      ),
    },
    {
      name: 'word/_rels/document.xml.rels',
      data: Buffer.from(
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}</Relationships>`,
      ),
    },
    ...parts.map((p) => ({ name: `word/${p.name}`, data: p.bytes })),
  ]);
}
