import { randomFillSync } from 'node:crypto';

let lastMs = 0;
let counter = 0;

// Random bytes are fetched in bulk: one small randomBytes() call per id cost ~2 % of a submit.
const POOL_SIZE = 4096;
const pool = Buffer.alloc(POOL_SIZE);
let poolOffset = POOL_SIZE;

function random(size: number): Buffer {
  if (poolOffset + size > POOL_SIZE) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  poolOffset += size;
  return pool.subarray(poolOffset - size, poolOffset);
}

/**
 * RFC 9562 UUIDv7: a millisecond timestamp, then a 12-bit counter that keeps ids from one process
 * strictly increasing within a millisecond, then random bits. Ids therefore sort by creation,
 * which makes (created_at, id) a stable newest-first order and keeps B-tree inserts local.
 */
export function uuidv7(now = Date.now()): string {
  if (now > lastMs) {
    lastMs = now;
    counter = random(2).readUInt16BE() & 0x3ff; // leave headroom before the counter wraps
  } else {
    counter += 1;
    if (counter > 0xfff) {
      lastMs += 1; // borrow the next millisecond rather than go backwards
      counter = 0;
    }
  }
  const bytes = random(16); // ours alone: the pool never hands out the same bytes twice
  bytes.writeUIntBE(lastMs, 0, 6);
  bytes[6] = 0x70 | (counter >> 8);
  bytes[7] = counter & 0xff;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
