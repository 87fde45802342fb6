// Field names under which KeePass-family apps keep a TOTP secret. Only presence is kept, never the value.
// ("TOTP Settings" alone holds period/digits, no secret, so it does not count.)
const KDBX_TOTP_FIELDS = [
  'otp', // KeePassXC: otpauth:// URI (or the legacy key=…&step=… form)
  'TimeOtp-Secret', // KeePass 2.47+ built-in, in its four encodings
  'TimeOtp-Secret-Base32',
  'TimeOtp-Secret-Hex',
  'TimeOtp-Secret-Base64',
  'TOTP Seed', // older KeeOtp / KeePassXC 2.x plugin field
];

export function kdbxFieldsHaveTotp(get: (name: string) => string | null): boolean {
  return KDBX_TOTP_FIELDS.some((f) => (get(f) ?? '').trim() !== '');
}
