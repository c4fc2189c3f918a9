// A stand-in for https://checkout.razorpay.com/v1/checkout.js with Checkout's contract:
// new Razorpay(options).open(); options.handler(response) on success; rzp.on('payment.failed', fn)
// on failure (the modal stays open for a retry); options.modal.ondismiss() when closed.
// It opens the sandbox's test payment page in an overlay; that page reports back by postMessage.
export function checkoutScript(origin: string): string {
  return `(function () {
  'use strict';
  var ORIGIN = ${JSON.stringify(origin)};
  function Razorpay(options) {
    if (!(this instanceof Razorpay)) return new Razorpay(options);
    if (!options || !options.key) throw new Error('Razorpay: options.key is required');
    if (!options.order_id) throw new Error('Razorpay: options.order_id is required');
    this.options = options;
    this.listeners = {};
    this.overlay = null;
    this.onMessage = this.onMessage.bind(this);
  }
  Razorpay.prototype.on = function (event, fn) {
    (this.listeners[event] = this.listeners[event] || []).push(fn);
  };
  Razorpay.prototype.emit = function (event, arg) {
    (this.listeners[event] || []).forEach(function (fn) { fn(arg); });
  };
  Razorpay.prototype.open = function () {
    if (this.overlay) return;
    var o = this.options;
    var q = new URLSearchParams({ key: o.key, order_id: o.order_id, name: o.name || '', description: o.description || '',
      email: (o.prefill && o.prefill.email) || '', contact: (o.prefill && o.prefill.contact) || '' });
    var overlay = document.createElement('div');
    overlay.setAttribute('role', 'dialog');
    overlay.setAttribute('aria-modal', 'true');
    overlay.setAttribute('aria-label', 'Razorpay sandbox checkout');
    overlay.style.cssText = 'position:fixed;inset:0;background:rgba(0,0,0,.6);display:flex;align-items:center;justify-content:center;z-index:2147483647';
    var frame = document.createElement('iframe');
    frame.title = 'Razorpay sandbox checkout';
    frame.src = ORIGIN + '/_sandbox/checkout?' + q.toString();
    frame.style.cssText = 'width:420px;max-width:95vw;height:560px;max-height:95vh;border:0;border-radius:12px;background:#fff';
    overlay.appendChild(frame);
    document.body.appendChild(overlay);
    this.overlay = overlay;
    window.addEventListener('message', this.onMessage);
  };
  Razorpay.prototype.close = function () {
    if (!this.overlay) return;
    window.removeEventListener('message', this.onMessage);
    this.overlay.remove();
    this.overlay = null;
  };
  Razorpay.prototype.onMessage = function (e) {
    if (e.origin !== ORIGIN || !e.data || e.data.source !== 'razorpay-sandbox' || e.data.order_id !== this.options.order_id) return;
    var o = this.options;
    if (e.data.type === 'success') {
      this.close();
      if (typeof o.handler === 'function') o.handler(e.data.response);
    } else if (e.data.type === 'failed') {
      this.emit('payment.failed', e.data.response);
    } else if (e.data.type === 'dismiss') {
      this.close();
      if (o.modal && typeof o.modal.ondismiss === 'function') o.modal.ondismiss();
    }
  };
  window.Razorpay = Razorpay;
})();
`;
}
