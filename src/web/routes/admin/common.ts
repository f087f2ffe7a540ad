import type { FastifyReply, FastifyRequest } from 'fastify';
import { notFound } from '../../../domain/errors.ts';
import { page, type PageOpts } from '../../layout.ts';
import { viewerOf } from '../../session.ts';

/** A numeric id from the URL; anything else is a page that does not exist. */
export function idParam(req: FastifyRequest): number {
  const raw = (req.params as { id?: string }).id ?? '';
  if (!/^[1-9][0-9]{0,9}$/.test(raw)) throw notFound();
  return Number(raw);
}

export function sendPage(
  req: FastifyRequest,
  reply: FastifyReply,
  o: Omit<PageOpts, 'viewer'>,
  status = 200,
) {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .send(page({ ...o, viewer: viewerOf(req) }));
}
