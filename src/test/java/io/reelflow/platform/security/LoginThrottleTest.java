package io.reelflow.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.reelflow.support.ApiTestSupport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Wrong passwords slow the guesser, never lock the account: over real HTTP from distinct client addresses
 * (127.0.0.x, each connection bound to its own source address; no forwarded headers are trusted).
 */
class LoginThrottleTest extends ApiTestSupport {

    private static final String BURSTING = "127.0.0.9";

    @Autowired LoginThrottle throttle;
    @Autowired IdentityService identity;
    @Autowired AccountLocks locks;

    @BeforeEach
    @AfterEach
    void forget() {
        throttle.reset();
    }

    @Test
    void aThousandWrongPasswordsFromOneAddressLeaveTheAccountWorkingFromAnotherWithinASecond() throws Exception {
        assertThat(call("127.0.0.3", "GET", "/api/deals/NO-SUCH-DEAL", basic("crm", PASSWORD), null).status())
                .as("the CRM's usual address logs in before the attack").isEqualTo(404);

        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        List<String> retryAfter = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                for (int i = thread; i < 1000; i += 8) {
                    LoopbackHttp.Raw r = call(BURSTING, "GET", "/api/deals/NO-SUCH-DEAL", basic("crm", "wrong-" + i), null);
                    statuses.computeIfAbsent(r.status(), s -> new AtomicInteger()).incrementAndGet();
                    if (r.status() == 429) retryAfter.add(r.header("retry-after"));
                }
                return null;
            }));
        }
        for (Future<?> f : done) f.get();
        pool.shutdown();
        long burstEnded = System.nanoTime();

        assertThat(statuses.keySet()).as("answers to the burst: %s", statuses).containsOnly(401, 429);
        assertThat(statuses.get(401).get()).as("passwords actually checked").isBetween(1, 11);
        assertThat(statuses.get(429).get()).as("refused unchecked").isGreaterThanOrEqualTo(989);
        assertThat(retryAfter).allSatisfy(v -> assertThat(Long.parseLong(v)).isPositive());

        // the CRM's known address is not delayed at all
        assertThat(call("127.0.0.3", "GET", "/api/deals/NO-SUCH-DEAL", basic("crm", PASSWORD), null).status()).isEqualTo(404);
        // a new address: in at once, or told to come back within a second
        LoopbackHttp.Raw fresh = call("127.0.0.2", "GET", "/api/deals/NO-SUCH-DEAL", basic("crm", PASSWORD), null);
        if (fresh.status() == 429) {
            assertThat(Long.parseLong(fresh.header("retry-after"))).as("the account's delay is short").isEqualTo(1);
            long waitNanos = 1_000_000_000L - (System.nanoTime() - burstEnded);
            if (waitNanos > 0) Thread.sleep(waitNanos / 1_000_000 + 1);
            fresh = call("127.0.0.2", "GET", "/api/deals/NO-SUCH-DEAL", basic("crm", PASSWORD), null);
        }
        assertThat(fresh.status()).as("crm from another address, a second after the burst: " + fresh).isEqualTo(404);

        // the bursting address is refused even with the right password, and told when to come back. How many of the
        // burst were checked depends on the race of eight threads and on crm's own delay (which refuses an unknown
        // address for a moment after five failures, without counting against the address): the address goes on
        // guessing other names until it is over its allowance of 10 checked failures.
        int checked = statuses.get(401).get();
        for (int i = 0; i < 12; i++) {
            if (call(BURSTING, "GET", "/api/deals/NO-SUCH-DEAL", basic("stranger-" + i, "guess"), null).status() == 429) break;
        }
        LoopbackHttp.Raw again = call(BURSTING, "GET", "/api/deals/NO-SUCH-DEAL", basic("crm", PASSWORD), null);
        assertThat(again.status()).as("the bursting address after %d checked failures (%s)", checked, statuses).isEqualTo(429);
        assertThat(again.header("content-type")).startsWith("application/problem+json");
        assertThat(Long.parseLong(again.header("retry-after"))).isBetween(1L, 120L);

        assertThat(identity.checkPassword("crm", PASSWORD)).as("the engine has not locked crm").isTrue();
    }

    @Test
    void wrongPasswordsSpreadOverManyAddressesNeverLockTheAccountForGood() throws Exception {
        // what locked any account for good before: more than ten wrong passwords (loginMaxAttempts), here from 15 addresses
        String user = person();
        for (int i = 0; i < 15; i++) {
            LoopbackHttp.Raw r = call("127.0.1." + (i + 1), "GET", "/api/titles/0", basic(user, "wrong"), null);
            assertThat(r.status()).as("attempt %d: %s", i, r).isIn(401, 429);
        }
        // the account's short delay (at most reelflow.security.login-throttle.account-delay-max, 1 s)
        await("the account delay for a new address").atMost(Duration.ofSeconds(5)).until(() -> throttle.refusal("127.0.2.1", user) == null);
        assertThat(call("127.0.2.1", "GET", "/api/titles/0", basic(user, "right-password-1"), null).status()).isEqualTo(404);
        assertThat(locks.isLocked(user)).isFalse();
    }

    @Test
    void onlyAnAdminLocksAPersonAndUnlocksIt() throws Exception {
        String user = person();
        assertThat(call("127.0.3.1", "GET", "/api/titles/0", basic(user, "right-password-1"), null).status()).isEqualTo(404);
        LoopbackHttp.Raw notAdmin = call("127.0.3.1", "POST", "/api/admin/users/" + user + "/lock", basic("rita", PASSWORD), "");
        assertThat(notAdmin.status()).isEqualTo(403);

        assertThat(call("127.0.3.2", "POST", "/api/admin/users/" + user + "/lock", basic("admin", PASSWORD), "").status()).isEqualTo(204);
        assertThat(call("127.0.3.1", "GET", "/api/titles/0", basic(user, "right-password-1"), null).status()).as("locked").isEqualTo(401);
        assertThat(identity.checkPassword(user, "right-password-1")).as("the engine refuses it too (webapps)").isFalse();
        assertThat(call("127.0.3.2", "GET", "/api/admin/users/" + user + "/lock", basic("admin", PASSWORD), null).body()).contains("\"locked\":true");
        assertThat(call("127.0.3.2", "POST", "/api/admin/users/admin/lock", basic("admin", PASSWORD), "").status())
                .as("an admin cannot lock themselves out").isEqualTo(409);
        assertThat(call("127.0.3.2", "POST", "/api/admin/users/no-such-user/lock", basic("admin", PASSWORD), "").status()).isEqualTo(404);

        assertThat(call("127.0.3.2", "DELETE", "/api/admin/users/" + user + "/lock", basic("admin", PASSWORD), null).status()).isEqualTo(204);
        throttle.reset(); // the refusals while locked count as failures of that address
        assertThat(call("127.0.3.1", "GET", "/api/titles/0", basic(user, "right-password-1"), null).status()).as("unlocked").isEqualTo(404);
    }

    @Test
    void theWebappLoginIsThrottledTheSameWay() throws Exception {
        String user = person();
        int checked = 0;
        int refused = 0;
        String retry = null;
        String browser = browserSession("127.0.0.5");
        for (int i = 0; i < 40; i++) {
            LoopbackHttp.Raw r = call("127.0.0.5", "POST", LoginThrottleFilter.WEBAPP_LOGIN + "tasklist", browser,
                    "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password=wrong" + i);
            assertThat(r.status()).as(r.toString()).isIn(401, 429);
            if (r.status() == 429) {
                refused++;
                retry = r.header("retry-after");
            } else {
                checked++;
            }
        }
        assertThat(checked).as("logins that reached the webapp").isLessThanOrEqualTo(11);
        assertThat(refused).isGreaterThanOrEqualTo(29);
        assertThat(Long.parseLong(retry)).isPositive();

        await("the account delay for a new address").atMost(Duration.ofSeconds(5)).until(() -> throttle.refusal("127.0.0.6", user) == null);
        LoopbackHttp.Raw other = call("127.0.0.6", "POST", LoginThrottleFilter.WEBAPP_LOGIN + "tasklist", browserSession("127.0.0.6"),
                "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password=right-password-1");
        assertThat(other.status()).as("logged in from another address: " + other).isEqualTo(200);
        assertThat(identity.checkPassword(user, "right-password-1")).isTrue();
    }

    // ------------------------------------------------------------------------------------------------

    private String person() {
        String id = unique("throttle").toLowerCase().replaceAll("[^a-z0-9]", "");
        User u = identity.newUser(id);
        u.setPassword("right-password-1");
        identity.saveUser(u);
        identity.createMembership(id, Roles.RIGHTS_MANAGERS);
        return id;
    }

    /** What a browser sends after opening Tasklist: its session and XSRF cookies and the X-XSRF-TOKEN header (as header lines). */
    private String browserSession(String from) throws IOException {
        LoopbackHttp.Raw page = call(from, "GET", "/camunda/app/tasklist/default/", null, null);
        assertThat(page.status()).isEqualTo(200);
        List<String> cookies = new ArrayList<>();
        String xsrf = null;
        for (String c : page.cookies()) {
            String pair = c.split(";", 2)[0];
            cookies.add(pair);
            if (pair.startsWith("XSRF-TOKEN=")) xsrf = pair.substring("XSRF-TOKEN=".length());
        }
        assertThat(xsrf).as("XSRF-TOKEN cookie").isNotNull();
        return "Cookie: " + String.join("; ", cookies) + "\r\nX-XSRF-TOKEN: " + xsrf;
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    LoopbackHttp.Raw call(String from, String method, String path, String authorization, String formBody) throws IOException {
        return LoopbackHttp.call(port, from, method, path, authorization, formBody);
    }
}
