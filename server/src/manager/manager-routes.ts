// REST beside tRPC for what a browser downloads: the sales CSV (staff session, manager or admin).
import { ZSalesInputSchema } from '@marquee/shared';
import { stringify } from 'csv-stringify/sync';
import type { FastifyInstance } from 'fastify';
import { currentStaff, hasRole } from '../auth/staff-session';
import { AppError } from '../errors/app-error';
import type { TServices } from '../services';
import { loadSales, salesCsvRecords } from './sales';

export function registerManagerRoutes(app: FastifyInstance, services: TServices): void {
  app.get('/manager/sales.csv', async (req, reply) => {
    const staff = await currentStaff(services, req);
    if (!staff) throw new AppError('AUTH_REQUIRED', { message: 'sales.csv without a staff session', userMessage: 'Please sign in to the dashboard.' });
    if (!hasRole(staff.role, 'MANAGER') || !staff.cinemaId) throw new AppError('AUTH_FORBIDDEN', { message: `${staff.role} ${staff.id} asked for sales.csv` });
    const parsed = ZSalesInputSchema.safeParse(req.query);
    if (!parsed.success) {
      throw new AppError('INPUT_INVALID', { message: 'bad sales.csv range', userMessage: `Invalid range: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ')}` });
    }
    const sales = await loadSales(services, { ...parsed.data, cinemaId: staff.cinemaId });
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="marquee-sales-${sales.from}-to-${sales.to}.csv"`)
      .header('cache-control', 'private, no-store')
      .send(stringify(salesCsvRecords(sales)));
  });
}
