// The schema of an amount in paise, apart from money.ts so that an app which only formats money
// does not load zod for it.
import { z } from 'zod';

export const ZPaiseSchema = z.number().int().nonnegative().max(100_000_000);
export type TPaise = z.infer<typeof ZPaiseSchema>;
