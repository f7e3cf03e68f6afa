/**
 * Reads the pieces of a SentencePiece `tokenizer.model` (a protobuf ModelProto) without the
 * sentencepiece library: field 1 is a repeated SentencePiece message with piece (1, string),
 * score (2, float32) and type (3, enum, NORMAL = 1 when absent). Everything else is skipped.
 */

/** sentencepiece_model.proto's SentencePiece.Type. */
export const PIECE_TYPE = { NORMAL: 1, UNKNOWN: 2, CONTROL: 3, USER_DEFINED: 4, UNUSED: 5, BYTE: 6 } as const;

export interface SentencePiece {
  piece: string;
  score: number;
  type: number;
}

class ProtoReader {
  pos: number;
  constructor(private readonly bytes: Uint8Array, start: number, readonly end: number) {
    this.pos = start;
  }

  varint(): number {
    let result = 0;
    let multiplier = 1;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw new Error('truncated varint');
      const byte = this.bytes[this.pos++]!;
      result += (byte & 0x7f) * multiplier;
      if ((byte & 0x80) === 0) return result;
      multiplier *= 128;
    }
    throw new Error('varint longer than 10 bytes');
  }

  /** Returns [start, end) of a length-delimited field's payload and moves past it. */
  lengthDelimited(): [number, number] {
    const length = this.varint();
    const start = this.pos;
    if (start + length > this.end) throw new Error('field runs past its message');
    this.pos += length;
    return [start, this.pos];
  }

  skip(wireType: number): void {
    if (wireType === 0) this.varint();
    else if (wireType === 1) this.pos += 8;
    else if (wireType === 2) this.lengthDelimited();
    else if (wireType === 5) this.pos += 4;
    else throw new Error(`unsupported protobuf wire type ${wireType}`);
    if (this.pos > this.end) throw new Error('field runs past its message');
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function readPiece(bytes: Uint8Array, view: DataView, start: number, end: number): SentencePiece {
  const r = new ProtoReader(bytes, start, end);
  const result: SentencePiece = { piece: '', score: 0, type: PIECE_TYPE.NORMAL };
  while (r.pos < r.end) {
    const tag = r.varint();
    const field = Math.floor(tag / 8);
    const wireType = tag & 7;
    if (field === 1 && wireType === 2) {
      const [s, e] = r.lengthDelimited();
      result.piece = utf8.decode(bytes.subarray(s, e));
    } else if (field === 2 && wireType === 5) {
      result.score = view.getFloat32(r.pos, true);
      r.pos += 4;
    } else if (field === 3 && wireType === 0) {
      result.type = r.varint();
    } else {
      r.skip(wireType);
    }
  }
  return result;
}

/** Parses the pieces in id order. Throws with a plain reason when the bytes are not a SentencePiece model. */
export function readSentencePieceModel(bytes: Uint8Array): SentencePiece[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const r = new ProtoReader(bytes, 0, bytes.length);
  const pieces: SentencePiece[] = [];
  while (r.pos < r.end) {
    const tag = r.varint();
    const wireType = tag & 7;
    if (Math.floor(tag / 8) === 1 && wireType === 2) {
      const [s, e] = r.lengthDelimited();
      pieces.push(readPiece(bytes, view, s, e));
    } else {
      r.skip(wireType);
    }
  }
  if (pieces.length === 0) throw new Error('it holds no pieces');
  return pieces;
}
