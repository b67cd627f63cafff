import { createTOTPKeyURI, verifyTOTPWithGracePeriod } from '@oslojs/otp';

/** RFC 6238 defaults that every authenticator app understands. */
const TOTP_PERIOD_SECONDS = 30;
const TOTP_DIGITS = 6;
/** Accept the neighbouring 30 s windows: phone clocks drift. */
const TOTP_GRACE_SECONDS = 30;
/** 160-bit keys, as RFC 4226 recommends. */
const TOTP_KEY_BYTES = 20;

export function generateTotpKey(): Uint8Array {
  const key = new Uint8Array(TOTP_KEY_BYTES);
  crypto.getRandomValues(key);
  return key;
}

export function totpUri(issuer: string, account: string, key: Uint8Array): string {
  return createTOTPKeyURI(issuer, account, key, TOTP_PERIOD_SECONDS, TOTP_DIGITS);
}

export function verifyTotp(key: Uint8Array, code: string): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  return verifyTOTPWithGracePeriod(key, TOTP_PERIOD_SECONDS, TOTP_DIGITS, code, TOTP_GRACE_SECONDS);
}
