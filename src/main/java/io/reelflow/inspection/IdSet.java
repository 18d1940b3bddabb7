package io.reelflow.inspection;

/**
 * The xml:ids of a file, kept as 64-bit fingerprints in one open-addressed table: 8 bytes an id (at most 16 with
 * the table's slack) instead of a hundred for a string in a hash set, so the ids of a file at the element limit fit
 * in a small heap. Two different ids share a fingerprint with a probability of about n² / 2⁶⁵ (one in ten million
 * for two million ids), in which case a duplicate would be reported that is not one.
 */
final class IdSet {

    private long[] table = new long[1024];
    private int size;

    /** @return false when the id was there already */
    boolean add(String id) {
        long h = fingerprint(id);
        if (size * 10L >= table.length * 6L) {
            grow();
        }
        return insert(table, h);
    }

    private boolean insert(long[] t, long h) {
        int mask = t.length - 1;
        int i = (int) (h ^ (h >>> 32)) & mask;
        while (t[i] != 0) {
            if (t[i] == h) {
                return false;
            }
            i = (i + 1) & mask;
        }
        t[i] = h;
        if (t == table) {
            size++;
        }
        return true;
    }

    private void grow() {
        long[] old = table;
        table = new long[old.length * 2];
        for (long h : old) {
            if (h != 0) {
                int mask = table.length - 1;
                int i = (int) (h ^ (h >>> 32)) & mask;
                while (table[i] != 0) {
                    i = (i + 1) & mask;
                }
                table[i] = h;
            }
        }
    }

    /** FNV-1a over the UTF-16 units, then the SplitMix64 finalizer; never 0 (0 marks an empty slot). */
    static long fingerprint(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= s.length();
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        h ^= h >>> 31;
        return h == 0 ? 1 : h;
    }
}
