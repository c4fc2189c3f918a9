// The cinema's price templates, by name.
import type { TPriceList, TPriceTemplate } from '@marquee/shared';
import type { TServices } from '../services';

export async function listPriceTemplates(
  { prisma }: Pick<TServices, 'prisma'>,
  { cinemaId }: { cinemaId: string },
): Promise<TPriceTemplate[]> {
  const rows = await prisma.priceTemplate.findMany({ where: { cinemaId }, orderBy: { name: 'asc' } });
  return rows.map((t) => ({ id: t.id, name: t.name, prices: t.prices as TPriceList }));
}
