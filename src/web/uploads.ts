/**
 * File uploads (multipart/form-data) for the pages that read published reports. The parser is
 * registered only in the scope of those routes (Fastify encapsulates content-type parsers), so
 * every other form stays urlencoded-only. Each route states its own limits; a file over its limit
 * or past the request's total is drained and kept as a problem with a Chinese message, never
 * half-read, so the page can say which file was refused and check the others.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import multipart, { type MultipartFile } from '@fastify/multipart';
import { invalid } from '../domain/errors.ts';
import { handleError } from './errors.ts';

export interface UploadLimits {
  /** bytes of one file */
  fileBytes: number;
  /** bytes of all the files of one request */
  totalBytes: number;
  files: number;
}

/** One uploaded file: its bytes, or why it was not taken. */
export interface Upload {
  name: string;
  bytes?: Uint8Array;
  problem?: string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    uploads?: UploadLimits;
  }
}

const MB = 1024 * 1024;
const sizeText = (bytes: number) => `${Math.round((bytes / MB) * 10) / 10} MB`;
const received = new WeakMap<FastifyRequest, number>();
/** requests whose body was parsed: an error after that is not the upload's fault */
const parsed = new WeakSet<FastifyRequest>();

/** Browsers send the name in UTF-8; keep only its last path segment and printable characters. */
function cleanName(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  return [...base]
    .filter((c) => c >= ' ' && c !== '\u007f')
    .join('')
    .slice(0, 200);
}

async function takeFile(this: FastifyRequest, part: MultipartFile): Promise<void> {
  const limits = this.routeOptions.config.uploads;
  const name = cleanName(part.filename);
  const upload: Upload = { name };
  const keep = () => ((part as unknown as { value: Upload }).value = upload);
  if (!limits) {
    part.file.resume();
    upload.problem = '此处不接受上传文件。';
    return void keep();
  }
  const before = received.get(this) ?? 0;
  const chunks: Buffer[] = [];
  let size = 0;
  let overTotal = false;
  for await (const chunk of part.file as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (before + size > limits.totalBytes) overTotal = true;
    if (!overTotal && !part.file.truncated) chunks.push(chunk);
  }
  received.set(this, before + size);
  if (part.file.truncated)
    upload.problem = `文件超过 ${sizeText(limits.fileBytes)}，不是年度报告，未予读取。`;
  else if (overTotal)
    upload.problem = `本次上传的文件合计超过 ${sizeText(limits.totalBytes)}，此文件未予读取；请分批上传。`;
  // a file input left empty sends a part without a name or content: nothing was chosen
  else if (size === 0 && !name) return;
  else if (size === 0) upload.problem = '文件是空的，无法读取。';
  else upload.bytes = new Uint8Array(Buffer.concat(chunks, size));
  keep();
}

/**
 * Registers the multipart parser in `scope` (a plugin context holding only upload routes). The
 * parser's own limits are the widest any route states; `takeFile` applies the route's.
 */
export async function registerUploads(scope: FastifyInstance, max: UploadLimits): Promise<void> {
  await scope.register(multipart, {
    attachFieldsToBody: 'keyValues',
    onFile: takeFile,
    throwFileSizeLimit: false,
    limits: {
      fileSize: max.fileBytes,
      files: max.files,
      fields: 20,
      fieldSize: 4096,
      parts: max.files + 20,
      headerPairs: 100,
    },
  });
  scope.addHook('preHandler', (req, _reply, done) => {
    parsed.add(req);
    done();
  });
  // A malformed multipart body (no boundary, cut short) fails in the parser with a bare Error:
  // the sender's fault (400), not the server's.
  scope.setErrorHandler((err: Error, req, reply) => {
    const bare = !(err as { statusCode?: number }).statusCode && err.name === 'Error';
    if (bare && !parsed.has(req) && req.isMultipart())
      return handleError(
        invalid('上传的内容不完整或格式不正确，请返回上一页重新选择文件后提交。'),
        req,
        reply,
      );
    return handleError(err, req, reply);
  });
}

/** The files sent under `field` (one or several), in the order the browser sent them. */
export function uploadsOf(body: unknown, field: string): Upload[] {
  const v = body && typeof body === 'object' ? (body as Record<string, unknown>)[field] : undefined;
  const list = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return list.filter(
    (u): u is Upload => !!u && typeof u === 'object' && typeof (u as Upload).name === 'string',
  );
}

/** A text field of a multipart body (`undefined` when absent or a file). */
export function fieldOf(body: unknown, field: string): string | undefined {
  const v = body && typeof body === 'object' ? (body as Record<string, unknown>)[field] : undefined;
  return typeof v === 'string' ? v : undefined;
}
