// The answer of an action that has nothing more to say than that it was done.
import { z } from 'zod';

export const ZOkSchema = z.object({ ok: z.literal(true) });
export type TOk = z.infer<typeof ZOkSchema>;
