// Pages for people playing the customer: Checkout's test payment page (inside checkout.js's
// overlay), "pay this QR" (the phone's UPI app), and an index of what can be paid.
import type { FastifyInstance } from 'fastify';
import type { SandboxStore } from '../store';
import { checkoutScript } from './checkout-js';
import { escapeHtml, formatRupees, page } from './html';

export function registerPages(
  app: FastifyInstance,
  { store, keyId, publicUrl }: { store: SandboxStore; keyId: string; publicUrl: string },
): void {
  app.get('/v1/checkout.js', async (_req, reply) =>
    reply
      .type('application/javascript; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(checkoutScript(publicUrl)),
  );

  app.get<{ Querystring: Record<string, string | undefined> }>('/_sandbox/checkout', async (req, reply) => {
    const { key, order_id: orderId = '', name = '', description = '', email = '' } = req.query;
    const order = store.orders.get(orderId);
    if (key !== keyId || !order) {
      return reply
        .type('text/html')
        .code(400)
        .send(
          page(
            'Checkout error',
            `<h1>Checkout cannot open</h1><p>${key !== keyId ? 'The key does not belong to this account.' : 'The order does not exist.'}</p>`,
          ),
        );
    }
    const body = `
<h1>${escapeHtml(name || 'Merchant')}</h1><p class="muted">${escapeHtml(description)}</p>
<div class="amount" aria-label="Amount">${escapeHtml(formatRupees(order.amount))}</div>
<p class="note">Razorpay sandbox: no money moves. Choose what the customer's bank does.</p>
${email ? `<p class="muted">Paying as ${escapeHtml(email)}</p>` : ''}
<p id="status" role="status"></p>
<button class="primary" data-outcome="captured">Pay ${escapeHtml(formatRupees(order.amount))}</button>
<button class="danger" data-outcome="failed">Fail the payment</button>
<button data-outcome="dismiss">Cancel</button>`;
    const script = `
var ORDER = ${JSON.stringify(order.id)};
var target = document.referrer ? new URL(document.referrer).origin : '*';
function tell(type, response) { parent.postMessage({ source: 'razorpay-sandbox', order_id: ORDER, type: type, response: response }, target); }
document.querySelectorAll('button').forEach(function (b) {
  b.addEventListener('click', function () {
    var outcome = b.getAttribute('data-outcome');
    if (outcome === 'dismiss') return tell('dismiss');
    document.querySelectorAll('button').forEach(function (x) { x.disabled = true; });
    fetch('/_sandbox/orders/' + ORDER + '/pay', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ outcome: outcome }) })
      .then(function (r) { return r.json(); })
      .then(function (res) {
        document.querySelectorAll('button').forEach(function (x) { x.disabled = false; });
        if (res.razorpay_signature) { document.getElementById('status').textContent = 'Payment successful'; tell('success', res); }
        else { document.getElementById('status').textContent = 'Payment failed: ' + (res.error && res.error.description); tell('failed', res); }
      });
  });
});`;
    return reply.type('text/html').send(page('Razorpay sandbox checkout', body, script));
  });

  app.get<{ Params: { id: string } }>('/_sandbox/qr_codes/:id', async (req, reply) => {
    const qr = store.qrCodes.get(req.params.id);
    if (!qr) return reply.type('text/html').code(404).send(page('No such QR', '<h1>No such QR code</h1>'));
    const amount = qr.payment_amount ?? 0;
    const body = `
<h1>Pay this QR</h1><p class="muted">${escapeHtml(qr.description ?? qr.name ?? qr.id)}</p>
<img src="/_sandbox/qr_codes/${escapeHtml(qr.id)}/image.png" alt="UPI QR code ${escapeHtml(qr.id)}" width="240" height="240">
<div class="amount">${escapeHtml(formatRupees(amount))}</div>
<p id="status" role="status">${qr.status === 'active' ? '' : `This QR is closed (${escapeHtml(qr.close_reason ?? 'closed')}).`}</p>
${qr.status === 'active' ? `<button class="primary" id="pay">Pay ${escapeHtml(formatRupees(amount))} with UPI</button>` : ''}`;
    const script = `
var pay = document.getElementById('pay');
if (pay) pay.addEventListener('click', function () {
  pay.disabled = true;
  fetch('/_sandbox/qr_codes/${qr.id}/pay', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
    .then(function (r) { return r.json(); })
    .then(function (res) { document.getElementById('status').textContent = res.id ? 'Paid: ' + res.id : 'Refused: ' + res.error.description; });
});`;
    return reply.type('text/html').send(page('Pay this QR', body, script));
  });

  app.get('/_sandbox', async (_req, reply) => {
    const qrs = [...store.qrCodes.values()].filter((q) => q.status === 'active').reverse();
    const orders = [...store.orders.values()]
      .filter((o) => o.status !== 'paid')
      .reverse()
      .slice(0, 20);
    const body = `<h1>Razorpay sandbox</h1>
<h2>Open UPI QR codes</h2><ul>${qrs.map((q) => `<li><a href="/_sandbox/qr_codes/${q.id}">${escapeHtml(q.description ?? q.id)} — ${escapeHtml(formatRupees(q.payment_amount ?? 0))}</a></li>`).join('') || '<li>none</li>'}</ul>
<h2>Unpaid orders</h2><ul>${orders.map((o) => `<li>${escapeHtml(o.receipt ?? o.id)} — ${escapeHtml(formatRupees(o.amount))} (${o.id})</li>`).join('') || '<li>none</li>'}</ul>
<p><a href="/_sandbox/webhooks">Webhook deliveries (JSON)</a></p>`;
    return reply.type('text/html').send(page('Razorpay sandbox', body));
  });
}
