package dev.soctriage.group;

/**
 * Counts distinct values in bounded memory: exactly up to {@value #EXACT} values (64-bit hashes in an
 * open-addressing table of at most 16 KiB, so rules' thresholds — 5 users, 15 ports — are exact), then a
 * HyperLogLog estimate (1,024 registers, about 3 % error) that never grows. The values themselves
 * are not kept.
 */
final class DistinctCounter {
    static final int EXACT = 1024;
    private static final int P = 10;
    private static final int M = 1 << P;

    /** hashes seen, 0 for an empty slot (a value hashing to 0 is counted by {@link #zero}) */
    private long[] exact = new long[16];
    private int size;
    private boolean zero;
    private byte[] registers;

    void add(String value) {
        long h = hash(value);
        if (exact == null) {
            register(h);
            return;
        }
        if (h == 0) {
            zero = true;
        } else if (insert(exact, h)) {
            size++;
            if (size * 2 > exact.length) {
                grow();
            }
        }
        if (size + (zero ? 1 : 0) > EXACT) {
            registers = new byte[M];
            for (long x : exact) {
                if (x != 0) {
                    register(x);
                }
            }
            if (zero) {
                register(0);
            }
            exact = null;
        }
    }

    private static boolean insert(long[] table, long h) {
        int mask = table.length - 1;
        for (int i = (int) h & mask;; i = (i + 1) & mask) {
            if (table[i] == h) {
                return false;
            }
            if (table[i] == 0) {
                table[i] = h;
                return true;
            }
        }
    }

    private void grow() {
        long[] bigger = new long[exact.length * 2];
        for (long x : exact) {
            if (x != 0) {
                insert(bigger, x);
            }
        }
        exact = bigger;
    }

    int count() {
        if (exact != null) {
            return size + (zero ? 1 : 0);
        }
        double sum = 0;
        int zeros = 0;
        for (byte r : registers) {
            sum += 1.0 / (1L << r);
            zeros += r == 0 ? 1 : 0;
        }
        double estimate = 0.7213 / (1 + 1.079 / M) * M * M / sum;
        if (estimate <= 2.5 * M && zeros > 0) {
            estimate = M * Math.log((double) M / zeros); // linear counting for the small range
        }
        return (int) Math.max(EXACT + 1, Math.round(estimate));
    }

    private void register(long h) {
        int index = (int) (h >>> (64 - P));
        int rank = Long.numberOfLeadingZeros((h << P) | (1L << (P - 1))) + 1;
        if (rank > registers[index]) {
            registers[index] = (byte) rank;
        }
    }

    /** FNV-1a over the chars, then the MurmurHash3 finaliser to spread the bits. */
    static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
