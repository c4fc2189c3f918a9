// `npm start` runs this: a virtual thermal printer on 127.0.0.1:9100 that keeps each ticket it
// prints as an SVG under .data/prints/ (open one in a browser to see the printout).
import { parseKioskEnv } from '../config';
import { VirtualPrinter } from './virtual-printer';

const env = parseKioskEnv();
const printer = new VirtualPrinter({
  host: env.PRINTER_HOST,
  port: env.PRINTER_PORT,
  outputDir: env.PRINTS_DIR,
  paper: env.VIRTUAL_PRINTER_PAPER,
});
printer.on('ticket', ({ svgPath }) => console.log(`printed a ticket: ${svgPath}`));
printer.on('error', (err) => console.error('could not keep a printed ticket:', err));
const { host, port } = await printer.listen();
console.log(`virtual thermal printer on ${host}:${port}, keeping tickets in ${env.PRINTS_DIR}`);
const stop = () => void printer.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
