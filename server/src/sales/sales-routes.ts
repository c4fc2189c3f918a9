// The sales CSV over plain HTTP, for the browser to download (staff session, manager or admin).
import { ZSalesInputSchema } from '@marquee/shared';
import type { FastifyInstance } from 'fastify';
import { requireStaff } from '../auth';
import { AppError } from '../errors/app-error';
import type { TServices } from '../services';
import { loadSales, salesCsv } from './load-sales';

export function registerSalesRoutes(app: FastifyInstance, services: TServices): void {
  app.get('/manager/sales.csv', async (req, reply) => {
    const staff = await requireStaff(services, req, 'MANAGER', 'sales.csv');
    const parsed = ZSalesInputSchema.safeParse(req.query);
    if (!parsed.success) {
      throw new AppError('INPUT_INVALID', {
        message: 'bad sales.csv range',
        userMessage: `Invalid range: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ')}`,
      });
    }
    const sales = await loadSales(services, { ...parsed.data, cinemaId: staff.cinemaId });
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="marquee-sales-${sales.from}-to-${sales.to}.csv"`)
      .header('cache-control', 'private, no-store')
      .send(salesCsv(sales));
  });
}
