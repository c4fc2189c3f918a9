/// <reference types="vite/client" />
// The ALTCHA widget (a web component), loaded only when the server asks a customer for a hold
// challenge: its ~50 KB stay out of the web app's first load. The "external" build with the
// PBKDF2 worker as its own same-origin file, because the page's CSP allows scripts and workers from
// 'self' only (the default build starts its workers from blob: URLs).
import 'altcha/external';
import 'altcha/altcha.css';
import Pbkdf2Worker from 'altcha/workers/pbkdf2?worker';

globalThis.$altcha.algorithms.set('PBKDF2/SHA-256', () => new Pbkdf2Worker());

/** Hindi for the widget's own words, when the customer reads Hindi. */
export async function loadWidgetLanguage(language: string): Promise<void> {
  if (language === 'hi') await import('altcha/i18n/hi');
}
