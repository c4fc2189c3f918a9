// The REST side of payments: Razorpay's webhook (raw body, signed), and the UPI QR image served
// through Marquee so a kiosk talks to one origin only (and the box office shows it to the customer).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { currentStaff, resolveHolder } from '../auth';
import { renderTicketsPdf } from '../tickets';
import { loadTicketDocument } from '../tickets';
import { AppError } from '../errors/app-error';
import type { TServices } from '../services';
import { handleWebhook, ZWebhookEnvelope } from './handle-webhook';
import { isValidWebhookSignature } from '../razorpay/signatures';
import { isUuid } from '../http/is-uuid';

/**
 * Whether the caller may see a booking's UPI QR: the booking's holder (the kiosk or browser paying
 * for it), or a signed-in staff member of the booking's cinema, who turns a counter sale's or an
 * exchange's QR towards the customer at the counter. Staff are asked first: no customer session is
 * started for them.
 */
async function mayShowQr(
  services: TServices,
  req: FastifyRequest,
  reply: FastifyReply,
  qrId: string,
): Promise<boolean> {
  const staff = await currentStaff(services, req);
  if (staff?.cinemaId) {
    const inCinema = await services.prisma.booking.count({
      where: { razorpayQrId: qrId, showtime: { screen: { cinemaId: staff.cinemaId } } },
    });
    if (inCinema > 0) return true;
  }
  const holder = await resolveHolder({ req, res: reply, prisma: services.prisma, env: services.env });
  return (await services.prisma.booking.count({ where: { razorpayQrId: qrId, holder: holder.key } })) > 0;
}

export async function registerPaymentRoutes(app: FastifyInstance, services: TServices): Promise<void> {
  await app.register(async (hooks) => {
    // The signature covers the exact bytes Razorpay sent: keep them raw, parse only after checking.
    hooks.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    hooks.post('/webhooks/razorpay', async (req, reply) => {
      const signature = req.headers['x-razorpay-signature'];
      const eventId = req.headers['x-razorpay-event-id'];
      const rawBody = req.body as Buffer;
      if (
        typeof signature !== 'string' ||
        !Buffer.isBuffer(rawBody) ||
        !isValidWebhookSignature({ rawBody, signature, secret: services.env.RAZORPAY_WEBHOOK_SECRET })
      ) {
        req.log.warn({ eventId }, 'webhook refused: bad or missing signature');
        return reply.code(400).send({ error: 'invalid signature' });
      }
      if (typeof eventId !== 'string' || eventId.length === 0 || eventId.length > 100)
        return reply.code(400).send({ error: 'missing X-Razorpay-Event-Id' });
      const parsed = ZWebhookEnvelope.safeParse(JSON.parse(rawBody.toString('utf8')));
      if (!parsed.success) {
        req.log.warn({ eventId, issues: parsed.error.issues }, 'webhook refused: unexpected payload');
        return reply.code(400).send({ error: 'unexpected payload' });
      }
      const result = await handleWebhook(services, { eventId, envelope: parsed.data });
      return reply.send({ status: result });
    });
  });

  app.get<{ Params: { qrId: string } }>('/payments/qr/:qrId.png', async (req, reply) => {
    if (!(await mayShowQr(services, req, reply, req.params.qrId)))
      throw new AppError('BOOKING_NOT_FOUND', { message: `no QR ${req.params.qrId} for this caller` });
    const qr = await services.razorpay.fetchQr(req.params.qrId);
    const image = await fetch(qr.image_url, { signal: AbortSignal.timeout(10_000) });
    if (!image.ok)
      throw new AppError('PAY_PROVIDER_UNAVAILABLE', { message: `QR image ${qr.image_url} answered ${image.status}` });
    return reply
      .type(image.headers.get('content-type') ?? 'image/png')
      .header('cache-control', 'private, max-age=900')
      .send(Buffer.from(await image.arrayBuffer()));
  });

  // The e-ticket's PDF: the same document the receipt email attaches, for the booking's holder only.
  app.get<{ Params: { bookingId: string } }>('/bookings/:bookingId/tickets.pdf', async (req, reply) => {
    const holder = await resolveHolder({ req, res: reply, prisma: services.prisma, env: services.env });
    const { bookingId } = req.params;
    const owned =
      isUuid(bookingId) &&
      (await services.prisma.booking.count({ where: { id: bookingId, holder: holder.key, status: 'CONFIRMED' } })) ===
        1;
    if (!owned)
      throw new AppError('BOOKING_NOT_FOUND', { message: `no confirmed booking ${bookingId} for ${holder.key}` });
    const { booking, document } = await loadTicketDocument(services.prisma, bookingId);
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="marquee-${booking.code}.pdf"`)
      .header('cache-control', 'private, no-store')
      .send(await renderTicketsPdf(document));
  });
}
