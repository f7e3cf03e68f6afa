/**
 * Shrinks node-llama-cpp's prebuilt `libggml-cuda.so` for one GPU generation, so the CUDA build
 * fits the 64 MiB that travels to a lent GPU machine (bench/device/README.md).
 *
 * The library's `.nv_fatbin` section holds one CUDA fat binary per compilation unit, each with
 * entries for several targets (PTX for compute_75/80/90, machine code for sm_86/89/120/121:
 * 109 of its 129 MB). The driver picks one entry per fat binary for the GPU it runs on; the
 * others are never read. This tool overwrites the payload of every entry except the ones named
 * with zeros, keeping every header, offset and size as they were, so the file stays a valid ELF
 * with the same layout and compresses to a fraction (about 21 MB with zstd -19).
 *
 * Usage: tsx bench/device/prune-cuda-fatbin.ts IN.so OUT.so [--keep ptx:90,elf:90]
 * An H100/H200 (compute capability 9.0) has no sm_90 machine code in this build: it JIT-compiles
 * the compute_90 PTX on first use (cached by the driver afterwards), hence the default.
 */
import fs from 'node:fs';

const FATBIN_MAGIC = 0xba55ed50;
const ENTRY_KIND = { 1: 'ptx', 2: 'elf' } as const;

interface FatbinEntry { kind: string; arch: number; payloadOffset: number; payloadSize: number }

/** Finds a section by name in a little-endian ELF64 file. */
function findSection(elf: Buffer, wanted: string): { offset: number; size: number } {
  const sectionHeaders = Number(elf.readBigUInt64LE(0x28));
  const entrySize = elf.readUInt16LE(0x3a);
  const count = elf.readUInt16LE(0x3c);
  const namesIndex = elf.readUInt16LE(0x3e);
  const header = (i: number) => {
    const at = sectionHeaders + i * entrySize;
    return { name: elf.readUInt32LE(at), offset: Number(elf.readBigUInt64LE(at + 24)), size: Number(elf.readBigUInt64LE(at + 32)) };
  };
  const names = header(namesIndex).offset;
  for (let i = 0; i < count; i++) {
    const section = header(i);
    const start = names + section.name;
    if (elf.toString('latin1', start, elf.indexOf(0, start)) === wanted) return section;
  }
  throw new Error(`no ${wanted} section: is this a CUDA library?`);
}

/** Lists the entries of every fat binary in the section (header layout as the CUDA runtime reads it). */
function fatbinEntries(elf: Buffer): FatbinEntry[] {
  const { offset, size } = findSection(elf, '.nv_fatbin');
  const entries: FatbinEntry[] = [];
  let at = offset;
  while (at + 16 <= offset + size) {
    if (elf.readUInt32LE(at) !== FATBIN_MAGIC) { at += 8; continue; } // alignment padding
    const headerSize = elf.readUInt16LE(at + 6);
    const end = at + headerSize + Number(elf.readBigUInt64LE(at + 8));
    for (let entry = at + headerSize; entry < end;) {
      const kind = ENTRY_KIND[elf.readUInt16LE(entry) as 1 | 2] ?? `kind${elf.readUInt16LE(entry)}`;
      const entryHeaderSize = elf.readUInt32LE(entry + 4);
      const payloadSize = Number(elf.readBigUInt64LE(entry + 8));
      entries.push({ kind, arch: elf.readUInt32LE(entry + 28), payloadOffset: entry + entryHeaderSize, payloadSize });
      entry += entryHeaderSize + payloadSize;
    }
    at = end;
  }
  return entries;
}

function main(): void {
  const [input, output, ...rest] = process.argv.slice(2);
  if (!input || !output) {
    console.error('usage: prune-cuda-fatbin IN.so OUT.so [--keep ptx:90,elf:90]');
    process.exit(2);
  }
  const keepAt = rest.indexOf('--keep');
  const keep = new Set((keepAt >= 0 ? rest[keepAt + 1] ?? '' : 'ptx:90,elf:90').split(','));
  const elf = fs.readFileSync(input);
  const summary: Record<string, { entries: number; megabytes: number; kept: boolean }> = {};
  for (const entry of fatbinEntries(elf)) {
    const key = `${entry.kind}:${entry.arch}`;
    const kept = keep.has(key);
    if (!kept) elf.fill(0, entry.payloadOffset, entry.payloadOffset + entry.payloadSize);
    const row = (summary[key] ??= { entries: 0, megabytes: 0, kept });
    row.entries++;
    row.megabytes += entry.payloadSize / 1e6;
  }
  if (!Object.values(summary).some((row) => row.kept)) {
    console.error(`none of ${[...keep].join(', ')} is in ${input}: the GPU would have no code to run`);
    process.exit(1);
  }
  fs.writeFileSync(output, elf);
  console.log(JSON.stringify(summary));
}

main();
