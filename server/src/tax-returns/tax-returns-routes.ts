// The month's GST returns as CSV over plain HTTP, for the browser to download (staff session,
// manager or admin of the cinema): the B2C summary, the document summary and the register.
import { ZTaxReturnsInputSchema } from '@marquee/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireStaff } from '../auth';
import { AppError } from '../errors/app-error';
import type { TServices } from '../services';
import { loadTaxRegister, loadTaxReturns } from './load-tax-returns';
import { b2cCsv, documentsCsv, registerCsv } from './tax-returns-csv';

const FILES = {
  'gst-b2c.csv': { name: 'b2c', csv: async (s: TServices, q: TQuery) => b2cCsv(await loadTaxReturns(s, q)) },
  'gst-documents.csv': {
    name: 'documents',
    csv: async (s: TServices, q: TQuery) => documentsCsv(await loadTaxReturns(s, q)),
  },
  'gst-register.csv': {
    name: 'register',
    csv: async (s: TServices, q: TQuery) => registerCsv(await loadTaxRegister(s, q)),
  },
} as const;

type TQuery = { cinemaId: string; month: string };

async function monthOf(services: TServices, req: FastifyRequest, file: string): Promise<TQuery> {
  const staff = await requireStaff(services, req, 'MANAGER', file);
  const parsed = ZTaxReturnsInputSchema.safeParse(req.query);
  if (!parsed.success) {
    throw new AppError('INPUT_INVALID', {
      message: `bad ${file} month`,
      userMessage: `Invalid month: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'input'} ${i.message}`).join('; ')}`,
      data: { fieldErrors: { month: parsed.error.issues[0]!.message } },
    });
  }
  return { cinemaId: staff.cinemaId, month: parsed.data.month };
}

export function registerTaxReturnRoutes(app: FastifyInstance, services: TServices): void {
  for (const [file, { name, csv }] of Object.entries(FILES)) {
    app.get(`/manager/${file}`, async (req, reply) => {
      const q = await monthOf(services, req, file);
      const body = await csv(services, q);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="marquee-gstr1-${q.month}-${name}.csv"`)
        .header('cache-control', 'private, no-store')
        .send(body);
    });
  }
}
