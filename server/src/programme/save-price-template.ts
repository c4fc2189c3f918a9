// Creates a price template (no id) or changes one of the cinema's; prices GST cannot carry are
// refused, names are unique per cinema, and the change is audited.
import type { TPriceList } from '@marquee/shared';
import { recordAudit, type TStaffActor } from '../audit/record-audit';
import { AppError } from '../errors/app-error';
import { isUniqueViolation } from '../errors/unique-violation';
import type { TServices } from '../services';
import { assertChargeable, tablesForTemplates } from './chargeable-prices';

export async function savePriceTemplate(
  { prisma }: Pick<TServices, 'prisma'>,
  { actor, id, name, prices }: { actor: TStaffActor; id?: string; name: string; prices: TPriceList },
): Promise<{ id: string }> {
  assertChargeable(prices, tablesForTemplates(new Date()));
  try {
    const data = { name, prices };
    const saved = id
      ? await prisma.priceTemplate.update({ where: { id, cinemaId: actor.cinemaId }, data })
      : await prisma.priceTemplate.create({ data: { ...data, cinemaId: actor.cinemaId } });
    await recordAudit(prisma, {
      by: actor.userId,
      action: id ? 'prices.update' : 'prices.create',
      entityType: 'PriceTemplate',
      entityId: saved.id,
      data,
    });
    return { id: saved.id };
  } catch (err) {
    if (isUniqueViolation(err))
      throw new AppError('INPUT_INVALID', {
        message: `template ${name} exists`,
        userMessage: `There is already a price template called "${name}".`,
        data: { fieldErrors: { name: 'already used' } },
      });
    throw err;
  }
}
