import nodemailer, { type Transporter } from 'nodemailer';
import type { TEnv } from '../env';

/** One SMTP transport per worker, with time-outs so a hung server fails the job instead of the worker. */
export function createMailer(env: Pick<TEnv, 'SMTP_URL'>): Transporter {
  const url = new URL(env.SMTP_URL);
  url.searchParams.set('connectionTimeout', '10000');
  url.searchParams.set('greetingTimeout', '10000');
  url.searchParams.set('socketTimeout', '20000');
  return nodemailer.createTransport(url.toString());
}
