// Pay for the hold: the countdown, the receipt email, and UPI QR (the kiosk's first choice) or
// Checkout. The booking's status comes from bookings.onStatus, so a payment confirmed by webhook
// (the customer paid on their phone) moves the screen on by itself. A payment that came after the
// hold ended is not taken (PAY_NOT_CAPTURED): the customer is told so on the seat map they return to.
import { bookingGst, formatRupees, formatShowTime, type TBooking, type TCreateOrderOutput } from '@marquee/shared';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useCallback, useEffect, useState } from 'react';
import { Countdown } from '../../components/countdown';
import { errorMessage } from '../../components/error-message';
import { ErrorNotice, Screen, Spinner } from '../../components/layout';
import { KioskKeyboard } from '../../components/lazy-keyboard';
import { useI18n, useNotice } from '../../i18n/i18n';
import type { TEndNotice } from '../../journey';
import { usePlatform } from '../../platform/platform-context';
import { errorData, useTRPC, useTRPCClient } from '../../trpc';
import { openCheckout } from './razorpay-checkout';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The GST the customer is about to pay (the tickets by today's slabs, the fee at the cinema's rate); null if it cannot be worked out. */
function gstOf(b: TBooking): number | null {
  const ticketPrices = b.seats.map((s) => s.pricePaise);
  try {
    return bookingGst({
      ticketPrices,
      feePaise: b.feePaise,
      feeGstRatePercent: b.feeGstRatePercent,
      suppliedAt: new Date(),
    }).totalGstPaise;
  } catch (err) {
    // A fee rate the data should never hold: the total stays right, only the GST line goes.
    console.error('GST of the booking could not be worked out', err);
    return null;
  }
}

export function PaymentScreen({
  bookingId,
  onConfirmed,
  onExpired,
  onCancel,
  onBack,
  onPayingChange,
}: {
  bookingId: string;
  onConfirmed: (b: TBooking) => void;
  /** The hold ended; `notice` says why when the screen knows (else the booking is asked). */
  onExpired: (notice?: TEndNotice) => void;
  /** "Cancel booking": the app asks, then releases the seats. */
  onCancel: () => void;
  /** Back to the seat map, the seats still held (without it, Back cancels). */
  onBack?: () => void;
  /** Told whether a payment may be under way (the QR is up, or Checkout is open). */
  onPayingChange?: (paying: boolean) => void;
}) {
  const { t, locale } = useI18n();
  const platform = usePlatform();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const booking = useQuery(trpc.bookings.get.queryOptions({ bookingId }));
  const [email, setEmail] = useState('');
  const [emailError, setEmailError] = useNotice();
  /** A kiosk has no keyboard: its own comes up while the email field is being typed in. */
  const [typingEmail, setTypingEmail] = useState(false);
  const [qr, setQr] = useState<{ order: TCreateOrderOutput; imageUrl: string } | null>(null);
  const [notice, setNotice] = useNotice();
  const emailRequired = platform.mode === 'web';

  useSubscription(
    trpc.bookings.onStatus.subscriptionOptions(
      { bookingId },
      {
        onData: (event) => {
          if (event.status === 'CONFIRMED') void client.bookings.get.query({ bookingId }).then(onConfirmed);
          else if (event.status !== 'PENDING') onExpired();
        },
      },
    ),
  );

  useEffect(() => {
    if (booking.data?.customerEmail) setEmail(booking.data.customerEmail);
  }, [booking.data?.customerEmail]);
  // The QR image is fetched with the kiosk's credentials (an <img> could not send them).
  useEffect(() => () => (qr ? URL.revokeObjectURL(qr.imageUrl) : undefined), [qr]);

  const saveEmail = async (): Promise<boolean> => {
    const value = email.trim();
    if (!value && !emailRequired) return true;
    if (!EMAIL.test(value)) {
      setEmailError((m) => m.emailInvalid);
      return false;
    }
    setEmailError(null);
    await client.bookings.setContact.mutate({ bookingId, email: value });
    return true;
  };

  const pay = useMutation({
    mutationFn: async (method: 'upi_qr' | 'checkout') => {
      setNotice(null);
      if (!(await saveEmail())) return;
      const order = await client.payments.createOrder.mutate({ bookingId, method });
      if (method === 'upi_qr' && order.qr) {
        const image = await fetch(new URL(order.qr.imageUrl, platform.apiOrigin), { headers: platform.authHeaders() });
        if (!image.ok) throw new Error(`QR image: ${image.status}`);
        setQr({ order, imageUrl: URL.createObjectURL(await image.blob()) });
        return;
      }
      const outcome = await openCheckout(order, () => setNotice((m) => m.paymentFailed));
      if (outcome.kind === 'paid') {
        setNotice(null);
        await client.payments.verify.mutate({ bookingId, ...outcome.response });
        onConfirmed(await client.bookings.get.query({ bookingId }));
      }
    },
    onError: (err) => {
      // This screen may be gone already (the hold ended while Checkout was open): the seat map says it.
      if (errorData(err)?.appCode === 'PAY_NOT_CAPTURED') onExpired('paymentNotTaken');
      else setNotice((m) => errorMessage(m, err));
    },
  });

  const paying = qr !== null || pay.isPending;
  useEffect(() => onPayingChange?.(paying), [paying, onPayingChange]);
  useEffect(() => () => onPayingChange?.(false), [onPayingChange]);

  const expired = useCallback(() => onExpired(), [onExpired]);
  const b = booking.data;
  const gst = b ? gstOf(b) : null;
  return (
    <Screen name="payment" title={t.yourSeats} onBack={onBack ?? onCancel}>
      {booking.isPending && <Spinner label={t.loading} />}
      {booking.error && <ErrorNotice message={errorMessage(t, booking.error)} onRetry={() => void booking.refetch()} />}
      {b && (
        <div className="payment">
          <section className="order-summary" aria-label={t.yourSeats}>
            <Countdown expiresAt={b.expiresAt} onExpire={expired} />
            <p className="summary-movie">
              {b.showtime.movieTitle} ({b.showtime.certificate})
            </p>
            <p className="summary-when">
              {formatShowTime(b.showtime.startsAt, b.showtime.timeZone, locale)} · {b.showtime.screenName} ·{' '}
              {b.showtime.cinemaName}
            </p>
            <p>
              {t.yourSeats}: <strong>{b.seats.map((s) => s.label).join(', ')}</strong>
            </p>
            <dl className="summary-prices">
              <dt>{t.seatsTotal(b.seats.length)}</dt>
              <dd>{formatRupees(b.amountPaise - b.feePaise)}</dd>
              {b.feePaise > 0 && (
                <>
                  <dt>{t.bookingFee}</dt>
                  <dd>{formatRupees(b.feePaise)}</dd>
                </>
              )}
              <dt className="summary-total">{t.total}</dt>
              <dd className="summary-total">
                <strong>{formatRupees(b.amountPaise)}</strong>
              </dd>
            </dl>
            {gst !== null && <p className="summary-gst">{t.includesGst(formatRupees(gst))}</p>}
            <p>
              {t.bookingCode}: <strong>{b.code}</strong>
            </p>
          </section>
          <section className="pay-panel">
            <label className="field">
              <span>{emailRequired ? t.emailRequired : t.emailForReceipt}</span>
              <input
                type="email"
                inputMode={platform.mode === 'kiosk' ? 'none' : 'email'}
                autoComplete="email"
                value={email}
                required={emailRequired}
                aria-invalid={emailError !== null}
                onChange={(e) => setEmail(e.target.value)}
                onFocus={() => setTypingEmail(platform.mode === 'kiosk')}
              />
              {emailError && (
                <span className="field-error" role="alert">
                  {emailError}
                </span>
              )}
            </label>
            {notice && (
              <p className="notice notice-warning" role="alert">
                {notice}
              </p>
            )}
            {qr ? (
              <figure className="upi-qr">
                <img src={qr.imageUrl} alt={t.scanToPay} width={320} height={320} />
                <figcaption>{t.scanToPay}</figcaption>
                <Spinner label={t.waitingForPayment} />
              </figure>
            ) : (
              <div className="pay-buttons">
                {platform.mode === 'kiosk' && (
                  <button
                    type="button"
                    className="button button-primary button-large"
                    disabled={pay.isPending}
                    onClick={() => pay.mutate('upi_qr')}
                  >
                    {t.payUpi}
                  </button>
                )}
                <button
                  type="button"
                  className={`button button-large${platform.mode === 'web' ? ' button-primary' : ''}`}
                  disabled={pay.isPending}
                  onClick={() => pay.mutate('checkout')}
                >
                  {pay.isPending && pay.variables === 'checkout' ? t.openingCheckout : t.payCard}
                </button>
              </div>
            )}
            {onBack && (
              <button type="button" className="button button-ghost cancel-booking" onClick={onCancel}>
                {t.cancelBooking}
              </button>
            )}
          </section>
        </div>
      )}
      {b && typingEmail && (
        <KioskKeyboard layout="email" value={email} onChange={setEmail} onDone={() => setTypingEmail(false)} />
      )}
    </Screen>
  );
}
