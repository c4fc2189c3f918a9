// Who is calling: a web customer's session cookie, a kiosk's device token, a staff member's
// session and password; rate limits by key.
//
// What other folders may use of it:
export { generateDeviceToken, hashToken } from './device-token';
export { resolveHolder, webSessionId } from './holder';
export type { THolder } from './holder';
export { hashPassword } from './password';
export { limitByKey } from './rate-limit';
export { assertSameSite, currentStaff, logIn, logOut, requireStaff } from './staff-session';
