/**
 * Record ids. Most records get a random UUID (crypto.randomUUID). Problems get a UUID derived from
 * what they are, so the same bank problem (or the same typed-in text) practised on two computers
 * has one id and their histories merge onto it: a name-based UUID (version 8 layout over SHA-256).
 */
import crypto from 'node:crypto';

export const newId = (): string => crypto.randomUUID();

export function nameBasedId(name: string): string {
  const bytes = crypto.createHash('sha256').update(`dagger-tutor:${name}`, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80; // version 8 (custom)
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC 4122 variant
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The id of a bank problem (clean version when `variantId` is null). */
export function bankProblemId(problemId: string, variantId: string | null): string {
  return nameBasedId(`bank:${problemId}:${variantId ?? ''}`);
}

/** The id of a typed-in problem: its text with whitespace runs collapsed. */
export function userProblemId(text: string): string {
  return nameBasedId(`user:${text.trim().replace(/\s+/g, ' ')}`);
}
