/**
 * A reader of an ELF shared object's dynamic symbol table (`.dynsym`), enough to tell what a native
 * addon exports and imports without `nm` (which a CI image may lack).
 */

/** One dynamic symbol: its name and whether the object defines it (else it imports it). */
export interface DynamicSymbol {
  name: string;
  defined: boolean;
}

const SHT_DYNSYM = 11;

/** The dynamic symbols of a 64-bit little-endian ELF file; throws on anything else, saying what it is. */
export function readDynamicSymbols(file: Buffer): DynamicSymbol[] {
  if (file.length < 64 || file.readUInt32BE(0) !== 0x7f454c46) {
    throw new Error('not an ELF file (a Linux shared object was expected)');
  }
  if (file[4] !== 2 || file[5] !== 1) throw new Error('only 64-bit little-endian ELF is read here');
  const shoff = Number(file.readBigUInt64LE(0x28));
  const shentsize = file.readUInt16LE(0x3a);
  const shnum = file.readUInt16LE(0x3c);
  const section = (i: number) => {
    const at = shoff + i * shentsize;
    return {
      type: file.readUInt32LE(at + 4),
      offset: Number(file.readBigUInt64LE(at + 0x18)),
      size: Number(file.readBigUInt64LE(at + 0x20)),
      link: file.readUInt32LE(at + 0x28),
      entsize: Number(file.readBigUInt64LE(at + 0x38)),
    };
  };
  for (let i = 0; i < shnum; i++) {
    const dynsym = section(i);
    if (dynsym.type !== SHT_DYNSYM) continue;
    const strtab = section(dynsym.link);
    const symbols: DynamicSymbol[] = [];
    // Entry 0 is the reserved null symbol.
    for (let at = dynsym.offset + dynsym.entsize; at < dynsym.offset + dynsym.size; at += dynsym.entsize) {
      const nameAt = strtab.offset + file.readUInt32LE(at);
      const name = file.toString('latin1', nameAt, file.indexOf(0, nameAt));
      symbols.push({ name, defined: file.readUInt16LE(at + 6) !== 0 });
    }
    return symbols;
  }
  throw new Error('the ELF file has no .dynsym section');
}
