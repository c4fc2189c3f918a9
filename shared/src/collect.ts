// Collecting tickets at a kiosk: its own entry point (@marquee/shared/collect), outside the main
// barrel, so the web app's first download does not carry schemas only the server and the kiosk's
// lazily loaded collect screen use.
export * from './api/collect';
export * from './contact';
