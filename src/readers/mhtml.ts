/**
 * A web page saved as one file — MHTML: Chrome's and Edge's 网页，单个文件 (.mhtml), Internet
 * Explorer's 单个文件网页 (.mht) — is a MIME message whose first text/html part is the page, its
 * pictures and style sheets the other parts. postal-mime (an e-mail parser) takes the parts
 * apart and undoes the page's transfer encoding (quoted-printable or base64), giving its bytes:
 * their charset is the part's when it declares one (Internet Explorer does), else the page's own
 * (Chrome keeps a GBK page in GBK and declares nothing in the part: the charset is only in the
 * page's <meta>), which the caller tells as for any page file.
 */
import PostalMime from 'postal-mime';
import { UnreadableInputError } from './html-text.ts';

/** What to do with an MHTML file that cannot be read. */
const RESAVE = '请在浏览器中重新打开该页面后另存为或打印为 PDF，再上传检查。';

/**
 * Whether a file is MHTML: a message's header lines first (From: <Saved by Blink>, MIME-Version:
 * …), declaring a multipart/related body. `head`: the file's first bytes as Latin-1.
 */
export function isMhtml(head: string): boolean {
  if (!/^[A-Za-z][\w-]*:/.test(head)) return false;
  const end = head.search(/\r?\n\r?\n/);
  const headers = end < 0 ? head : head.slice(0, end);
  return /^content-type:\s*multipart\/related/im.test(headers);
}

/**
 * The message with only its text/html parts: a saved page's pictures may be tens of MB of base64
 * that decoding would hold in memory for nothing. The parts are found by the boundary the
 * message's header declares; without one, the message is left as it is.
 */
function pageParts(bytes: Uint8Array): { message: Uint8Array; charsets: (string | undefined)[] } {
  const charsets: (string | undefined)[] = [];
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headEnd = Math.min(
    ...['\r\n\r\n', '\n\n'].map((s) => buf.indexOf(s)).filter((i) => i >= 0),
  );
  if (!Number.isFinite(headEnd)) return { message: bytes, charsets };
  const boundary = /boundary\s*=\s*(?:"([^"]+)"|([^\s;]+))/i.exec(
    buf.subarray(0, headEnd).toString('latin1'),
  );
  const name = boundary?.[1] ?? boundary?.[2];
  if (!name) return { message: bytes, charsets };
  const delimiter = `--${name}`;
  const kept: Buffer[] = [buf.subarray(0, headEnd), Buffer.from('\r\n\r\n')];
  for (let at = buf.indexOf(delimiter, headEnd); at >= 0;) {
    const next = buf.indexOf(delimiter, at + delimiter.length);
    const part = buf.subarray(at, next < 0 ? buf.length : next);
    // (a part's header: its first lines, up to a blank one)
    const header =
      part
        .subarray(0, 4096)
        .toString('latin1')
        .split(/\r?\n\r?\n/)[0] ?? '';
    if (/^content-type:\s*text\/html/im.test(header)) {
      // (an attachment to postal-mime: its bytes as they are, not decoded as UTF-8)
      const line = part.indexOf('\n') + 1;
      kept.push(part.subarray(0, line), ATTACHMENT, part.subarray(line));
      charsets.push(/charset\s*=\s*"?([\w.:-]+)/i.exec(header)?.[1]);
    }
    at = next;
  }
  if (charsets.length === 0) return { message: bytes, charsets };
  kept.push(Buffer.from(`\r\n${delimiter}--\r\n`));
  return { message: new Uint8Array(Buffer.concat(kept)), charsets };
}

const ATTACHMENT = Buffer.from('Content-Disposition: attachment\r\n');

/** The page an MHTML file holds: its bytes, and the charset its part declares. */
export async function mhtmlPage(
  bytes: Uint8Array,
): Promise<{ html: Uint8Array; charset?: string }> {
  const { message, charsets } = pageParts(bytes);
  let page: ArrayBuffer | Uint8Array | undefined;
  try {
    // (no message inside a message: a page's parts are its files)
    const email = await PostalMime.parse(message, {
      maxNestingDepth: 16,
      maxHeadersSize: 1024 * 1024,
      maxRfc822NestingDepth: 0,
    });
    const part = email.attachments.find((a) => a.mimeType === 'text/html');
    page = typeof part?.content === 'string' ? undefined : part?.content;
  } catch {
    throw new UnreadableInputError(
      'corrupt',
      `这个单个文件网页（MHTML）已损坏，无法读取。${RESAVE}`,
    );
  }
  if (!page || page.byteLength === 0)
    throw new UnreadableInputError(
      'no_document',
      `这个单个文件网页（MHTML）中没有网页内容（text/html 部分），无法读取。${RESAVE}`,
    );
  const html = page instanceof Uint8Array ? page : new Uint8Array(page);
  const charset = charsets[0];
  return charset ? { html, charset } : { html };
}
