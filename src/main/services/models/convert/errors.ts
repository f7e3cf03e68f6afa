/** Why a conversion was refused or failed; every message is a sentence a user can act on. */
export type ConvertErrorCode =
  | 'NOT_FOUND'
  | 'BAD_CHECKPOINT'
  | 'UNSUPPORTED_ARCHITECTURE'
  | 'UNSUPPORTED_DTYPE'
  | 'QUANTISER_UNAVAILABLE'
  | 'VERIFY_FAILED'
  | 'DISK_FULL'
  | 'CANCELLED';

export class ConvertError extends Error {
  constructor(readonly code: ConvertErrorCode, message: string) {
    super(message);
    this.name = 'ConvertError';
  }
}
