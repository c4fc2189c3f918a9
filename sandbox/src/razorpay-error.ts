// Razorpay's error body, always this shape: {"error":{code, description, source, step, reason, metadata, field}}.
export class RazorpayError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: 'BAD_REQUEST_ERROR' | 'GATEWAY_ERROR' | 'SERVER_ERROR',
    readonly description: string,
    readonly field: string | null = null,
    readonly extra: { source?: string; step?: string; reason?: string; metadata?: Record<string, string> } = {},
  ) {
    super(description);
  }

  toBody() {
    return {
      error: {
        code: this.code,
        description: this.description,
        source: this.extra.source ?? 'NA',
        step: this.extra.step ?? 'NA',
        reason: this.extra.reason ?? 'NA',
        metadata: this.extra.metadata ?? {},
        field: this.field,
      },
    };
  }
}

export const badRequest = (description: string, field: string | null = null) =>
  new RazorpayError(400, 'BAD_REQUEST_ERROR', description, field, {
    source: 'business',
    step: 'payment_initiation',
    reason: 'input_validation_failed',
  });
export const notFound = () => new RazorpayError(400, 'BAD_REQUEST_ERROR', 'The id provided does not exist');
