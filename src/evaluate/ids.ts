/**
 * An exact set of case ids with a position per id, in bounded memory: an open-addressing hash
 * table on typed arrays whose entries hold the ids' UTF-8 bytes in one arena.
 *
 * - The arena is a list of blocks of {@link BLOCK_SIZE} bytes (the first one grows up to it), so it
 *   grows without copying what it holds. An entry is the id's length (one byte below 128, else
 *   two), its bytes, and the position as 4 bytes (little-endian, from `base`).
 * - The slot table holds one 31-bit word a slot in an `Int32Array` (0: empty): the arena offset of
 *   the slot's entry in its low bits and a few low bits of the id's hash (its tag) above them, as
 *   many as the arena's size leaves (4 while it holds less than 128 MiB, 3 up to 256 MiB, …). A
 *   slot is picked by the high bits of the hash, and the table doubles once 80 % of it is in use;
 *   it is built again, from the arena in order, when it doubles or the arena outgrows its offsets.
 *   A lookup compares tags, and the bytes of an entry only when its tag matches: two different ids
 *   are never taken for one, whatever their hashes.
 * - Numbered ids (most case numbers: `SIRI-0001234`, `21/12345`, `100234`) skip the hash table: an
 *   id that ends in 1 to {@link NUMBER_DIGITS} ASCII digits after at most {@link PREFIX_BYTES} bytes
 *   of prefix belongs to the family of its prefix and number of digits (so `C01` and `C1` stay two
 *   ids), and its number picks a place in the family's pages of {@link PAGE_SIZE} positions
 *   (`Uint32Array`s, 0: empty). Ids numbered one after another fill a page in order, so each is
 *   looked up in memory the processor has at hand, not at a random place of a large table. Pages
 *   are made only while their places stay at most {@link PAGE_FILL} times the positions they hold,
 *   or the ids announced (a few pages excepted; ids in a shuffled order then still fill pages); an id whose page that rule refuses, or whose family is one more
 *   than {@link MAX_FAMILIES}, goes to the hash table, and a family that has ids there looks there
 *   too. The number and the prefix's bytes together are the id's bytes, so this is as exact as the
 *   hash table.
 * - Ids come as JS strings (ASCII read as they are, other text encoded as UTF-8) or as byte ranges
 *   of a file's UTF-8 bytes, hashed in place. The empty id, ids longer than {@link LONG_ID} bytes,
 *   and strings that are not well-formed UTF-16 (a lone surrogate has no UTF-8) are kept in a `Map`
 *   by their text instead.
 */

/** Bytes of an arena block (a power of two). */
export const BLOCK_SIZE = 1 << 20;
const BLOCK_BITS = 20;
const BLOCK_MASK = BLOCK_SIZE - 1;
/** The longest id, in UTF-8 bytes, kept in the arena; longer ones are kept in a `Map`. */
export const LONG_ID = 4096;
/** The first size of the arena's first block and of the slot table. */
const FIRST_BLOCK = 4096;
const FIRST_SLOTS = 1024;
/** The share of the slot table in use beyond which it doubles. */
const MAX_LOAD = 0.8;
/** The arena offsets of the first slot table: below 128 MiB, leaving 4 bits of tag. */
const FIRST_OFFSET_BITS = 27;
/** Arena blocks at most: offsets stay below 2³¹, leaving a bit of tag. */
const MAX_BLOCKS = 2 ** (30 - BLOCK_BITS);
/** The highest position an id table holds above its base (pages keep it plus one; 0 is empty). */
const MAX_POSITION = 0xfffffffe;
/** The most trailing digits read as an id's number: below 2⁵³, so numbers stay exact. */
export const NUMBER_DIGITS = 15;
/** The longest prefix, in bytes, of a numbered id. */
export const PREFIX_BYTES = 32;
/** The families of numbered ids at most; ids of further families go to the hash table. */
export const MAX_FAMILIES = 16;
/** Positions a page of numbered ids holds (a power of two). */
export const PAGE_SIZE = 4096;
/**
 * The places of pages at most per numbered id they hold, or per id announced by
 * {@link IdTable.expect} while fewer are held (beyond {@link FREE_PAGES} pages).
 */
export const PAGE_FILL = 4;
/** Pages made whatever they hold. */
const FREE_PAGES = 8;

/** The numbered ids of one prefix and one number of digits. */
interface Family {
  readonly prefix: Uint8Array;
  /**
   * The prefix as text, compared with string ids (the same text is the same bytes), or `null` when
   * its bytes are not UTF-8 (no string has them).
   */
  readonly prefixText: string | null;
  readonly digits: number;
  /** Pages by number / {@link PAGE_SIZE}. */
  readonly pages: Map<number, Uint32Array>;
  /** The page last used and its key (-1: none). */
  lastKey: number;
  lastPage: Uint32Array;
  /** The family's ids kept in the hash table (their pages were refused). */
  hashed: number;
}

const decoder = new TextDecoder();
/** Decodes a numbered id's prefix exactly: a byte order mark kept, bytes that are not UTF-8 an error. */
const exactDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Options of an {@link IdTable}. */
export interface IdTableOptions {
  /** The lowest position stored (positions are kept as their distance from it). Default 0. */
  base?: number;
  /**
   * ANDed with every hash: `0` gives every id the same hash, for tests that check that colliding
   * ids stay apart. Default: all bits.
   */
  hashMask?: number;
  /**
   * The bits of arena offsets the first slot table holds (default 27): a smaller value makes the
   * table widen them early, for tests.
   */
  offsetBits?: number;
  /** Whether numbered ids go to pages (default `true`); `false` sends every id to the hash table, for tests. */
  numbered?: boolean;
}

/** An exact map from ids to positions (see the module's description). */
export class IdTable {
  /** The number of distinct ids held. */
  size = 0;
  private readonly base: number;
  private readonly hashMask: number;
  private blocks: Uint8Array[] = [new Uint8Array(FIRST_BLOCK)];
  /** The arena offset at which the next entry is written. */
  private top = 0;
  /** Per slot: 0, or the tag times {@link offsetSpan} plus the entry's arena offset. */
  private slots = new Int32Array(FIRST_SLOTS);
  private capacity = FIRST_SLOTS;
  /** The slot of a hash is its high bits: `hash >>> shift` (the capacity is a power of two). */
  private shift = 32 - Math.log2(FIRST_SLOTS);
  private mask = FIRST_SLOTS - 1;
  private offsetBits = FIRST_OFFSET_BITS;
  private offsetSpan = 2 ** FIRST_OFFSET_BITS;
  private offsetMask = 2 ** FIRST_OFFSET_BITS - 1;
  private tagMask = 2 ** (31 - FIRST_OFFSET_BITS) - 1;
  private inArena = 0;
  /** Ids kept outside the arena, by text. */
  private readonly long = new Map<string, number>();
  /** Where the last failed lookup would insert. */
  private free = 0;
  /** The UTF-8 of the last non-ASCII string looked up. */
  private scratch = new Uint8Array(256);

  /** The families of numbered ids, and the one last used. */
  private readonly families: Family[] = [];
  private lastFamily: Family | null = null;
  private readonly numbered: boolean;
  /** Places in pages, and positions held in them. */
  private pageSlots = 0;
  private inPages = 0;
  /** The family and number of the id last read by {@link numberOf}. */
  private family: Family | null = null;
  private number = 0;
  /** The page and place of the last successful lookup among pages, or `null`. */
  private foundPage: Uint32Array | null = null;
  private foundIndex = 0;
  /** The number of ids announced by {@link expect}. */
  private expected = 0;

  constructor(options: IdTableOptions = {}) {
    this.base = options.base ?? 0;
    this.hashMask = options.hashMask ?? -1;
    this.numbered = options.numbered ?? true;
    if (options.offsetBits !== undefined) this.setOffsetBits(options.offsetBits);
  }

  private setOffsetBits(bits: number): void {
    this.offsetBits = bits;
    this.offsetSpan = 2 ** bits;
    this.offsetMask = 2 ** bits - 1;
    this.tagMask = 2 ** (31 - bits) - 1;
  }

  /**
   * The position stored for a string id, or -1 when it is not held; with `insert`, an id not held
   * is added with `position`.
   */
  string(id: string, position: number, insert: boolean): number {
    const length = id.length;
    if (this.numbered && length > 0) {
      const found = this.pagedString(id, position, insert);
      if (found !== NOT_HANDLED) return found;
    }
    let ascii = length <= LONG_ID && length > 0;
    if (ascii) {
      // ASCII text is its own UTF-8: copied into the scratch bytes as it is.
      if (this.scratch.length < length) this.scratch = new Uint8Array(length * 3);
      const scratch = this.scratch;
      for (let i = 0; i < length; i++) {
        const code = id.charCodeAt(i);
        if (code > 0x7f) {
          ascii = false;
          break;
        }
        scratch[i] = code;
      }
    }
    if (ascii) return this.bytes(this.scratch, 0, length, position, insert);
    const end = length <= LONG_ID && length > 0 ? this.encode(id) : -1;
    if (end < 0 || end > LONG_ID) return this.longId(id, position, insert);
    return this.bytes(this.scratch, 0, end, position, insert);
  }

  /**
   * The position stored for the id whose UTF-8 bytes are `bytes[start, end)`, or -1 when it is not
   * held; with `insert`, an id not held is added with `position`.
   */
  bytes(bytes: Uint8Array, start: number, end: number, position: number, insert: boolean): number {
    const length = end - start;
    if (length > LONG_ID || length === 0) return this.longId(decoder.decode(bytes.subarray(start, end)), position, insert);
    this.foundPage = null;
    if (this.numbered && this.numberOf(bytes, start, end)) return this.paged(bytes, start, end, position, insert);
    const hash = this.hashOf(bytes, start, end);
    const found = this.findBytes(bytes, start, end, hash);
    if (found >= 0) return this.positionAt(found);
    if (insert) this.insertBytes(bytes, start, end, hash, position);
    return -1;
  }

  /** The hash of bytes (FNV-1a), masked by the table's `hashMask`. */
  private hashOf(bytes: Uint8Array, start: number, end: number): number {
    let hash = 0x811c9dc5;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ (bytes[i] as number), 0x01000193);
    return hash & this.hashMask;
  }

  /**
   * Whether the id of `bytes[start, end)` is numbered and its family is (or now becomes) one of the
   * table's: then `family` and `number` are set.
   */
  private numberOf(bytes: Uint8Array, start: number, end: number): boolean {
    let first = end;
    while (first > start && end - first < NUMBER_DIGITS) {
      const byte = bytes[first - 1] as number;
      if (byte < 0x30 || byte > 0x39) break;
      first--;
    }
    const digits = end - first;
    const prefixLength = first - start;
    if (digits === 0 || prefixLength > PREFIX_BYTES) return false;
    let family = this.lastFamily;
    if (family === null || !sameFamily(family, bytes, start, first, digits)) {
      family = null;
      for (const known of this.families) {
        if (sameFamily(known, bytes, start, first, digits)) {
          family = known;
          break;
        }
      }
      if (family === null) {
        if (this.families.length >= MAX_FAMILIES) return false;
        const prefix = bytes.slice(start, first);
        family = { prefix, prefixText: exactText(prefix), digits, pages: new Map(), lastKey: -1, lastPage: EMPTY_PAGE, hashed: 0 };
        this.families.push(family);
      }
      this.lastFamily = family;
    }
    let number = 0;
    for (let i = first; i < end; i++) number = number * 10 + ((bytes[i] as number) - 0x30);
    this.family = family;
    this.number = number;
    return true;
  }

  /**
   * {@link string} for the common case without making bytes: a numbered id of the family last
   * used (its prefix compared as text), whose page exists, while the family has no id in the hash
   * table. Anything else is {@link NOT_HANDLED}, and nothing has changed.
   */
  private pagedString(id: string, position: number, insert: boolean): number {
    const family = this.lastFamily;
    if (family === null || family.hashed > 0) return NOT_HANDLED;
    const length = id.length;
    const first = length - family.digits;
    const prefix = family.prefixText;
    if (prefix === null || first !== prefix.length) return NOT_HANDLED;
    let number = 0;
    for (let i = first; i < length; i++) {
      const digit = id.charCodeAt(i) - 0x30;
      if (digit < 0 || digit > 9) return NOT_HANDLED;
      number = number * 10 + digit;
    }
    // The id must not have more trailing digits than the family (then it is of another family).
    if (first > 0) {
      const before = id.charCodeAt(first - 1);
      if (before >= 0x30 && before <= 0x39 && family.digits < NUMBER_DIGITS) return NOT_HANDLED;
    }
    for (let i = 0; i < first; i++) if (id.charCodeAt(i) !== prefix.charCodeAt(i)) return NOT_HANDLED;
    const key = Math.floor(number / PAGE_SIZE);
    let page: Uint32Array | undefined = family.lastPage;
    if (family.lastKey !== key) {
      page = family.pages.get(key);
      if (page === undefined) return NOT_HANDLED;
      family.lastKey = key;
      family.lastPage = page;
    }
    const index = number - key * PAGE_SIZE;
    const stored = page[index] as number;
    this.lastFound = -1;
    this.lastLong = null;
    if (stored !== 0) {
      this.foundPage = page;
      this.foundIndex = index;
      return this.base + stored - 1;
    }
    this.foundPage = null;
    if (insert) {
      this.checkPosition(position);
      page[index] = position - this.base + 1;
      this.inPages++;
      this.size++;
    }
    return -1;
  }

  /** {@link bytes} for a numbered id ({@link numberOf} has set its family and number). */
  private paged(bytes: Uint8Array, start: number, end: number, position: number, insert: boolean): number {
    const family = this.family as Family;
    const key = Math.floor(this.number / PAGE_SIZE);
    const index = this.number - key * PAGE_SIZE;
    let page: Uint32Array | null = family.lastPage;
    if (family.lastKey !== key) {
      page = family.pages.get(key) ?? null;
      if (page !== null) {
        family.lastKey = key;
        family.lastPage = page;
      }
    }
    if (page !== null) {
      const stored = page[index] as number;
      if (stored !== 0) {
        this.lastFound = -1;
        this.lastLong = null;
        this.foundPage = page;
        this.foundIndex = index;
        return this.base + stored - 1;
      }
    }
    let hash = 0;
    if (family.hashed > 0) {
      hash = this.hashOf(bytes, start, end);
      const found = this.findBytes(bytes, start, end, hash);
      if (found >= 0) return this.positionAt(found);
    } else {
      this.lastFound = -1;
      this.lastLong = null;
    }
    if (!insert) return -1;
    this.checkPosition(position);
    if (page === null && this.pageSlots + PAGE_SIZE <= PAGE_FILL * Math.max(this.inPages, this.expected) + FREE_PAGES * PAGE_SIZE) {
      page = new Uint32Array(PAGE_SIZE);
      family.pages.set(key, page);
      family.lastKey = key;
      family.lastPage = page;
      this.pageSlots += PAGE_SIZE;
    }
    if (page === null) {
      // The page is refused: the id goes to the hash table, where its family now looks too.
      if (family.hashed === 0) {
        hash = this.hashOf(bytes, start, end);
        this.findBytes(bytes, start, end, hash);
      }
      family.hashed++;
      this.insertBytes(bytes, start, end, hash, position);
      return -1;
    }
    page[index] = position - this.base + 1;
    this.inPages++;
    this.size++;
    return -1;
  }

  /**
   * Makes room for `count` ids in all before they come (a guess is fine: more come in as usual), so
   * that the table is not built again as it fills.
   */
  expect(count: number): void {
    this.expected = Math.max(this.expected, count);
    // Numbered ids need no room in the hash table: it grows ahead only while it holds most ids.
    if (this.inPages > this.inArena) return;
    let capacity = this.capacity;
    while (count > capacity * MAX_LOAD) capacity *= 2;
    if (capacity > this.capacity) this.rebuild(capacity, this.offsetBits);
  }

  /** Stores `position` for a string id, whether held or not. */
  setString(id: string, position: number): void {
    if (this.string(id, position, true) >= 0) this.lastPosition(position);
  }

  /** Stores `position` for the id of `bytes[start, end)`, whether held or not. */
  setBytes(bytes: Uint8Array, start: number, end: number, position: number): void {
    if (this.bytes(bytes, start, end, position, true) >= 0) this.lastPosition(position);
  }

  /** The memory the table holds, in bytes (the `Map` of long ids counted at their text). */
  memory(): number {
    let blocks = 0;
    for (const block of this.blocks) blocks += block.length;
    let long = 0;
    for (const id of this.long.keys()) long += 2 * id.length + 64;
    return blocks + this.slots.length * 4 + long + this.pageSlots * 4;
  }

  /** Overwrites the position of the entry last found (see {@link setString}). */
  private lastPosition(position: number): void {
    if (this.foundPage !== null) {
      this.checkPosition(position);
      this.foundPage[this.foundIndex] = position - this.base + 1;
    } else if (this.lastFound >= 0) this.writePosition(this.lastFound, position);
    else if (this.lastLong !== null) this.long.set(this.lastLong, position);
  }

  /** The entry offset of the last successful lookup in the arena, or -1. */
  private lastFound = -1;
  /** The text of the last successful lookup among long ids, or `null`. */
  private lastLong: string | null = null;

  private longId(id: string, position: number, insert: boolean): number {
    this.lastFound = -1;
    this.foundPage = null;
    const known = this.long.get(id);
    if (known !== undefined) {
      this.lastLong = id;
      return known;
    }
    this.lastLong = null;
    if (insert) {
      this.checkPosition(position);
      this.long.set(id, position);
      this.size++;
    }
    return -1;
  }

  /** Encodes a string as UTF-8 into `scratch`: its length, or -1 when it holds a lone surrogate. */
  private encode(id: string): number {
    if (this.scratch.length < id.length * 3) this.scratch = new Uint8Array(id.length * 3);
    const out = this.scratch;
    let at = 0;
    for (let i = 0; i < id.length; i++) {
      let code = id.charCodeAt(i);
      if (code < 0x80) out[at++] = code;
      else if (code < 0x800) {
        out[at++] = 0xc0 | (code >> 6);
        out[at++] = 0x80 | (code & 0x3f);
      } else {
        if (code >= 0xd800 && code <= 0xdfff) {
          const low = i + 1 < id.length ? id.charCodeAt(i + 1) : 0;
          if (code > 0xdbff || low < 0xdc00 || low > 0xdfff) return -1;
          code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
          i++;
          out[at++] = 0xf0 | (code >> 18);
          out[at++] = 0x80 | ((code >> 12) & 0x3f);
        } else {
          out[at++] = 0xe0 | (code >> 12);
        }
        out[at++] = 0x80 | ((code >> 6) & 0x3f);
        out[at++] = 0x80 | (code & 0x3f);
      }
    }
    return at;
  }

  /** The arena offset of the entry of these bytes with this hash, or -1 (then `free` is its slot). */
  private findBytes(bytes: Uint8Array, start: number, end: number, hash: number): number {
    const { slots, mask, offsetBits, offsetMask } = this;
    const tag = (hash & this.tagMask) | 1;
    const length = end - start;
    for (let slot = hash >>> this.shift; ; slot = (slot + 1) & mask) {
      const word = slots[slot] as number;
      if (word === 0) {
        this.free = slot;
        this.lastFound = -1;
        this.lastLong = null;
        return -1;
      }
      if (word >>> offsetBits !== tag) continue;
      const offset = word & offsetMask;
      const block = this.blocks[offset >>> BLOCK_BITS] as Uint8Array;
      let at = offset & BLOCK_MASK;
      let stored = block[at++] as number;
      if (stored >= 0x80) stored = ((stored & 0x7f) << 8) | (block[at++] as number);
      if (stored !== length) continue;
      let same = true;
      for (let i = 0; i < length; i++) {
        if (block[at + i] !== bytes[start + i]) {
          same = false;
          break;
        }
      }
      if (same) {
        this.lastFound = offset;
        this.lastLong = null;
        return offset;
      }
    }
  }

  private insertBytes(bytes: Uint8Array, start: number, end: number, hash: number, position: number): void {
    const offset = this.reserve(end - start, position);
    const block = this.reservedBlock;
    const at = this.reservedAt;
    // A loop, not `set(subarray(…))`: no view object per id.
    for (let i = start; i < end; i++) block[at + i - start] = bytes[i] as number;
    this.writePosition(offset, position);
    this.claim(hash, offset);
  }

  /** The block and place where the bytes of the entry last reserved go (see {@link reserve}). */
  private reservedBlock: Uint8Array = new Uint8Array(0);
  private reservedAt = 0;

  /**
   * Room for an entry of `length` id bytes: writes its length and returns the entry's offset; its
   * bytes go at `reservedAt` of `reservedBlock` (fields, so that no object is made per id).
   */
  private reserve(length: number, position: number): number {
    this.checkPosition(position);
    const size = (length < 0x80 ? 1 : 2) + length + 4;
    let index = this.top >>> BLOCK_BITS;
    let at = this.top & BLOCK_MASK;
    let block = this.blocks[index];
    if (block === undefined) {
      // The last entry ended its block exactly: the next one starts a new block.
      if (index >= MAX_BLOCKS) throw new RangeError('more than 1 GiB of case ids');
      block = new Uint8Array(BLOCK_SIZE);
      this.blocks.push(block);
    }
    if (at + size > block.length) {
      if (block.length < BLOCK_SIZE) {
        // The first block grows by doubling up to a whole block.
        let grown = block.length * 2;
        while (grown < at + size) grown *= 2;
        const next = new Uint8Array(Math.min(grown, BLOCK_SIZE));
        next.set(block);
        this.blocks[index] = next;
        block = next;
      }
      if (at + size > block.length) {
        // An entry never spans two blocks: a length byte 0 ends a block early.
        if (at < block.length) block[at] = 0;
        index++;
        at = 0;
        if (index >= MAX_BLOCKS) throw new RangeError('more than 1 GiB of case ids');
        block = new Uint8Array(BLOCK_SIZE);
        this.blocks.push(block);
        this.top = index * BLOCK_SIZE;
      }
    }
    const offset = this.top;
    if (offset >= this.offsetSpan) this.widen(offset);
    if (length < 0x80) block[at++] = length;
    else {
      block[at++] = 0x80 | (length >> 8);
      block[at++] = length & 0xff;
    }
    this.top = offset + size;
    this.reservedBlock = block;
    this.reservedAt = at;
    return offset;
  }

  private checkPosition(position: number): void {
    const relative = position - this.base;
    if (!(relative >= 0 && relative <= MAX_POSITION)) throw new RangeError(`position ${String(position)} is outside the id table's range`);
  }

  private writePosition(offset: number, position: number): void {
    const block = this.blocks[offset >>> BLOCK_BITS] as Uint8Array;
    let at = offset & BLOCK_MASK;
    const stored = block[at++] as number;
    at += stored >= 0x80 ? 1 + (((stored & 0x7f) << 8) | (block[at] as number)) : stored;
    const relative = position - this.base;
    block[at] = relative & 0xff;
    block[at + 1] = (relative >>> 8) & 0xff;
    block[at + 2] = (relative >>> 16) & 0xff;
    block[at + 3] = (relative >>> 24) & 0xff;
  }

  private positionAt(offset: number): number {
    const block = this.blocks[offset >>> BLOCK_BITS] as Uint8Array;
    let at = offset & BLOCK_MASK;
    const stored = block[at++] as number;
    at += stored >= 0x80 ? 1 + (((stored & 0x7f) << 8) | (block[at] as number)) : stored;
    const relative = ((block[at] as number) | ((block[at + 1] as number) << 8) | ((block[at + 2] as number) << 16)) + (block[at + 3] as number) * 0x1000000;
    return this.base + relative;
  }

  /**
   * Puts a new entry in the free slot found by the lookup; grows the table when 85 % full, and
   * places every entry again with fewer tag bits when the arena outgrows its offsets.
   */
  private claim(hash: number, offset: number): void {
    let slot = this.free;
    if (slot < 0) {
      // The table was built again since the lookup: find the entry's free slot again.
      slot = hash >>> this.shift;
      while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
    }
    this.slots[slot] = ((hash & this.tagMask) | 1) * this.offsetSpan + offset;
    this.size++;
    this.inArena++;
    if (this.inArena > this.capacity * MAX_LOAD) {
      let capacity = this.capacity * 2;
      if (this.inArena > this.inPages) while (this.expected - this.inPages > capacity * MAX_LOAD) capacity *= 2;
      this.rebuild(capacity, this.offsetBits);
    }
  }

  /** Makes room for an arena offset `top` (called before an entry is written there). */
  private widen(top: number): void {
    let bits = this.offsetBits;
    while (top >= 2 ** bits) bits++;
    this.rebuild(this.capacity, bits);
  }

  /**
   * A new slot table of `capacity` slots with arena offsets of `offsetBits` bits: every entry is
   * placed again, its hash computed again from its bytes, in the order of the arena.
   */
  private rebuild(capacity: number, offsetBits: number): void {
    const slots = new Int32Array(capacity);
    const shift = 32 - Math.log2(capacity);
    const mask = capacity - 1;
    const span = 2 ** offsetBits;
    const tagMask = 2 ** (31 - offsetBits) - 1;
    const last = this.top >>> BLOCK_BITS;
    for (let b = 0; b <= last && b < this.blocks.length; b++) {
      const block = this.blocks[b] as Uint8Array;
      const limit = b === last ? this.top & BLOCK_MASK : block.length;
      let at = 0;
      while (at < limit) {
        const offset = b * BLOCK_SIZE + at;
        let length = block[at++] as number;
        // A length byte 0 ends a block early (no id in the arena is empty).
        if (length === 0) break;
        if (length >= 0x80) length = ((length & 0x7f) << 8) | (block[at++] as number);
        let hash = 0x811c9dc5;
        for (let i = at; i < at + length; i++) hash = Math.imul(hash ^ (block[i] as number), 0x01000193);
        hash &= this.hashMask;
        at += length + 4;
        let slot = hash >>> shift;
        while (slots[slot] !== 0) slot = (slot + 1) & mask;
        slots[slot] = ((hash & tagMask) | 1) * span + offset;
      }
    }
    this.slots = slots;
    this.free = -1;
    this.capacity = capacity;
    this.shift = shift;
    this.mask = mask;
    this.setOffsetBits(offsetBits);
  }
}


/** The text of bytes, or `null` when they are not UTF-8. */
function exactText(bytes: Uint8Array): string | null {
  try {
    return exactDecoder.decode(bytes);
  } catch {
    return null;
  }
}

/** What {@link IdTable.pagedString} returns for an id it leaves to the general route (no position is below 0). */
const NOT_HANDLED = -2;

/** The page of a family that has none yet (never written: a family's `lastKey` is -1 with it). */
const EMPTY_PAGE = new Uint32Array(0);

/** Whether `bytes[start, first)` is the prefix of `family` and `digits` its number of digits. */
function sameFamily(family: Family, bytes: Uint8Array, start: number, first: number, digits: number): boolean {
  const prefix = family.prefix;
  if (family.digits !== digits || prefix.length !== first - start) return false;
  for (let i = 0; i < prefix.length; i++) if (prefix[i] !== bytes[start + i]) return false;
  return true;
}
