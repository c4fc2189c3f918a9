import { TRPCClientError } from '@trpc/client';

export interface TRefusalData {
  code: string;
  appCode: string;
  httpStatus?: number;
  takenSeatIds?: string[];
  unknownSeatIds?: string[];
  fieldErrors?: Record<string, string>;
}

/** The tRPC error a call must end with: its readable message and its data (code, appCode, ...). */
export async function refusal(promise: Promise<unknown>): Promise<{ message: string; data: TRefusalData }> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof TRPCClientError))
    throw new Error(
      `expected a refusal, got ${err === undefined ? 'success' : err instanceof Error ? err.message : JSON.stringify(err)}`,
    );
  return { message: err.message, data: err.data as TRefusalData };
}
