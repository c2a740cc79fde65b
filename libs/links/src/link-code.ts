import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
export const CODE_LENGTH = 10;
export const CODE_PATTERN = /^[0-9A-Za-z]{8,32}$/;

/**
 * A random base62 code (10 chars ≈ 59.5 bits) from the CSPRNG. Bytes ≥ 248 are rejected so every
 * character is equally likely (248 = 4 × 62).
 */
export function generateLinkCode(length = CODE_LENGTH): string {
  let code = '';
  while (code.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte >= 248) continue;
      code += ALPHABET[byte % 62];
      if (code.length === length) break;
    }
  }
  return code;
}
