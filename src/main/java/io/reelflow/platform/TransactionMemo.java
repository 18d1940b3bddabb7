package io.reelflow.platform;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Values read or written in the current transaction, kept until it ends, so that the steps of one job (a dozen
 * delegates, listeners and timer expressions of the same deal) read a record once instead of once each: every read is
 * a round trip to PostgreSQL, and a clean deal's job made about a hundred of them.
 *
 * <p>Only for records whose every write goes through the owner of the memo, which {@link #put}s or {@link #forget}s
 * what it writes. Outside a transaction nothing is kept: each {@link #get} reads.
 *
 * @param <K> what a value is kept by
 * @param <V> the value
 */
public final class TransactionMemo<K, V> {

    private final String name;

    /** @param name the resource name the memo is bound under in the transaction (its owner's class name, say) */
    public TransactionMemo(String name) {
        this.name = TransactionMemo.class.getName() + ":" + name;
    }

    /** The value kept for {@code key} in this transaction, else read by {@code read} (and kept). */
    public V get(K key, Function<? super K, ? extends V> read) {
        Map<K, V> kept = kept();
        if (kept == null) return read.apply(key);
        V value = kept.get(key);
        if (value == null) {
            value = read.apply(key);
            if (value != null) kept.put(key, value);
        }
        return value;
    }

    /** The value kept for {@code key} in this transaction, or null (nothing is read). */
    public V kept(K key) {
        Map<K, V> kept = kept();
        return kept == null ? null : kept.get(key);
    }

    /** Keeps what the owner has just written (or read) for {@code key}, for the rest of the transaction. */
    public void put(K key, V value) {
        Map<K, V> kept = kept();
        if (kept != null && value != null) kept.put(key, value);
    }

    /** Forgets the value of a key the owner is about to change otherwise than through {@link #put}. */
    public void forget(K changed) {
        Map<K, V> kept = kept();
        if (kept != null) kept.remove(changed);
    }

    @SuppressWarnings("unchecked")
    private Map<K, V> kept() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) return null;
        Map<K, V> kept = (Map<K, V>) TransactionSynchronizationManager.getResource(name);
        if (kept == null) {
            kept = new HashMap<>();
            TransactionSynchronizationManager.bindResource(name, kept);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(name);
                }
            });
        }
        return kept;
    }
}
