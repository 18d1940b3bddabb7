package io.reelflow.platform.security;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Slows password guessing without letting anyone lock an account (the engine's own lockout is off:
 * {@link NoPasswordLockoutPlugin}).
 *
 * <ul>
 *   <li><b>Per client address</b>: an address may fail {@code address-burst} logins at once, then one more every
 *       {@code address-interval}; past that every login from it (right password or not) is answered {@code 429}
 *       with {@code Retry-After}, without checking anything. Only that address is slowed.</li>
 *   <li><b>Per account</b>: after {@code account-free-failures} failed checks, the account waits a short delay after
 *       each further failure (doubling from {@code account-delay-base}, at most {@code account-delay-max}); during it a
 *       login for that account from an address that has not logged in to it before is answered {@code 429}. An
 *       address the account logged in from successfully (in the last {@code known-address-ttl}) is never delayed,
 *       so a distant attacker cannot keep the real client out. Failures are forgotten after {@code account-window}.</li>
 * </ul>
 *
 * State is in memory, per node, bounded in size: an unknown address or user past the bound shares one
 * entry (which then throttles quickly). IPv6 addresses are counted per /64.
 */
@Component
public class LoginThrottle {

    /** Why a login is refused before it is checked, and for how long. */
    public record Refusal(String reason, long retryAfterSeconds) {
    }

    private static final int MAX_ENTRIES = 100_000;
    private static final int MAX_KNOWN_ADDRESSES = 32;
    private static final String OVERFLOW = "\0overflow";
    private static final long REFRESH_NANOS = 60_000_000_000L;

    private final int addressBurst;
    private final long addressIntervalNanos;
    private final int accountFreeFailures;
    private final long accountDelayBaseNanos;
    private final long accountDelayMaxNanos;
    private final long accountWindowNanos;
    private final long knownAddressTtlNanos;

    /** per address: theoretical arrival time of the next failure (GCRA); blocked while it is more than a burst ahead */
    private final Map<String, Long> addresses = new ConcurrentHashMap<>();
    private final Map<String, Account> accounts = new ConcurrentHashMap<>();

    private record Account(int failures, long lastFailureNanos, Map<String, Long> knownAddresses) {
    }

    public LoginThrottle(@Value("${reelflow.security.login-throttle.address-burst:10}") int addressBurst,
                         @Value("${reelflow.security.login-throttle.address-interval:PT6S}") Duration addressInterval,
                         @Value("${reelflow.security.login-throttle.account-free-failures:5}") int accountFreeFailures,
                         @Value("${reelflow.security.login-throttle.account-delay-base:PT0.1S}") Duration accountDelayBase,
                         @Value("${reelflow.security.login-throttle.account-delay-max:PT1S}") Duration accountDelayMax,
                         @Value("${reelflow.security.login-throttle.account-window:PT15M}") Duration accountWindow,
                         @Value("${reelflow.security.login-throttle.known-address-ttl:P30D}") Duration knownAddressTtl) {
        if (addressBurst < 1) throw new IllegalArgumentException("reelflow.security.login-throttle.address-burst must be at least 1");
        if (accountDelayMax.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("reelflow.security.login-throttle.account-delay-max must be short (at most PT1M): "
                    + "a long account delay would let anyone keep the account out");
        }
        this.addressBurst = addressBurst;
        this.addressIntervalNanos = addressInterval.toNanos();
        this.accountFreeFailures = accountFreeFailures;
        this.accountDelayBaseNanos = accountDelayBase.toNanos();
        this.accountDelayMaxNanos = accountDelayMax.toNanos();
        this.accountWindowNanos = accountWindow.toNanos();
        this.knownAddressTtlNanos = knownAddressTtl.toNanos();
    }

    /** Whether a login for {@code user} (null when not known, as for a token) from {@code address} may be checked now. */
    public Refusal refusal(String address, String user) {
        long now = System.nanoTime();
        String key = addressKey(address);
        Long tat = addresses.get(key);
        if (tat != null) {
            long ahead = tat - now - (long) addressBurst * addressIntervalNanos;
            if (ahead > 0) return new Refusal("too many failed logins from your address", seconds(ahead));
        }
        if (user == null) return null;
        Account account = accounts.get(user);
        if (account == null || account.failures() <= accountFreeFailures) return null;
        if (isKnown(account, key, now)) return null;
        long waitNanos = account.lastFailureNanos() + delay(account.failures()) - now;
        return waitNanos > 0 ? new Refusal("too many failed logins for this account; try again shortly", seconds(waitNanos)) : null;
    }

    /** A checked login failed: counts against the address and, when given, the account. */
    public void failed(String address, String user) {
        long now = System.nanoTime();
        String key = bounded(addresses, addressKey(address));
        addresses.merge(key, now + addressIntervalNanos, (old, fresh) -> Math.max(old, now) + addressIntervalNanos);
        if (user == null || user.isEmpty()) return;
        accounts.compute(bounded(accounts, user), (u, a) -> {
            if (a == null) return new Account(1, now, new ConcurrentHashMap<>());
            int failures = now - a.lastFailureNanos() > accountWindowNanos ? 1 : a.failures() + 1;
            return new Account(failures, now, a.knownAddresses());
        });
    }

    /** A login succeeded: the account's failures are forgotten and the address becomes known for it. */
    public void succeeded(String address, String user) {
        if (user == null || user.isEmpty()) return;
        long now = System.nanoTime();
        String key = addressKey(address);
        Account current = accounts.get(user);
        if (current != null && current.failures() == 0) {
            // the usual case, on every request of a busy client: nothing to change but, now and then, when the address was last seen
            Long seen = current.knownAddresses().get(key);
            if (seen != null && now - seen < REFRESH_NANOS) return;
        }
        accounts.compute(bounded(accounts, user), (u, a) -> {
            Map<String, Long> known = a == null ? new ConcurrentHashMap<>() : a.knownAddresses();
            if (known.size() >= MAX_KNOWN_ADDRESSES && !known.containsKey(key)) {
                known.entrySet().stream().min(Map.Entry.comparingByValue()).ifPresent(oldest -> known.remove(oldest.getKey()));
            }
            known.put(key, now);
            return new Account(0, 0, known);
        });
    }

    /** Forgets everything (tests; an operator after a false alarm). */
    public void reset() {
        addresses.clear();
        accounts.clear();
    }

    private boolean isKnown(Account account, String addressKey, long now) {
        Long seen = account.knownAddresses().get(addressKey);
        return seen != null && now - seen < knownAddressTtlNanos;
    }

    private long delay(int failures) {
        int over = failures - accountFreeFailures - 1;
        if (over >= 30) return accountDelayMaxNanos;
        return Math.min(accountDelayBaseNanos << over, accountDelayMaxNanos);
    }

    private static long seconds(long nanos) {
        return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }

    /** The key of an address: IPv4 as is, IPv6 by its /64 prefix (one host usually holds a whole /64). */
    static String addressKey(String address) {
        if (address == null) return "unknown";
        if (address.indexOf(':') < 0) return address;
        try {
            byte[] b = java.net.InetAddress.getByName(address).getAddress();
            if (b.length != 16) return address;
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 8; i += 2) sb.append(String.format("%02x%02x:", b[i], b[i + 1]));
            return sb.append(":/64").toString();
        } catch (java.net.UnknownHostException e) {
            return address;
        }
    }

    /** Past the bound, stale entries are dropped; if still full, new keys share one entry. */
    private <V> String bounded(Map<String, V> map, String key) {
        if (map.size() < MAX_ENTRIES || map.containsKey(key)) return key;
        purge();
        return map.size() < MAX_ENTRIES ? key : OVERFLOW;
    }

    private void purge() {
        long now = System.nanoTime();
        addresses.values().removeIf(tat -> tat - now < 0);
        for (Iterator<Account> it = accounts.values().iterator(); it.hasNext(); ) {
            Account a = it.next();
            if (a.knownAddresses().isEmpty() && now - a.lastFailureNanos() > accountWindowNanos) it.remove();
        }
    }
}
