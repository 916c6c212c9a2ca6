// MurmurHash3 (x86, 32-bit) over a string's UTF-8 bytes, for hashing "name=value" into shared buckets. UTF-8
// rather than UTF-16 code units so the bucket of a string is the one scikit-learn's murmurhash3_32 (seed 0)
// gives, and the same on every machine; written out here because lib/ml imports no hashing package.

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

export function murmur3(text: string, seed = 0): number {
  const bytes = utf8(text);
  const n = bytes.length;
  let h = seed >>> 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    let k = bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24);
    k = Math.imul(k, C1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, C2);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  let k = 0;
  switch (n & 3) {
    case 3:
      k ^= bytes[i + 2]! << 16;
    // falls through
    case 2:
      k ^= bytes[i + 1]! << 8;
    // falls through
    case 1:
      k ^= bytes[i]!;
      k = Math.imul(k, C1);
      k = (k << 15) | (k >>> 17);
      k = Math.imul(k, C2);
      h ^= k;
  }
  h ^= n;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

// TextEncoder is in every runtime we target (Node, browsers, workers); one instance serves every call.
const encoder = new TextEncoder();

function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}
