package io.reelflow.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelflow.support.ApiTestSupport;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** API tokens of service accounts, over real HTTP: created by an admin, shown once, stored hashed, listed, used, rotated, revoked. */
class ApiTokenTest extends ApiTestSupport {

    @Autowired LoginThrottle throttle;

    @AfterEach
    void forget() {
        throttle.reset();
    }

    private Response bearer(String token, String method, String path, String body) {
        HttpRequest.Builder r = HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token);
        if (body == null) r.method(method, HttpRequest.BodyPublishers.noBody());
        else r.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        return send(null, r);
    }

    private JsonNode create(String account, String role, String name) {
        Response r = postJson("admin", "/api/admin/tokens", String.format("{\"account\": \"%s\", \"role\": \"%s\", \"name\": \"%s\"}", account, role, name));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json();
    }

    private static String account() {
        return unique("svc").toLowerCase().replaceAll("[^a-z0-9-]", "-");
    }

    @Test
    void aServiceAccountCallsWithItsTokenWhichIsShownOnceAndStoredOnlyHashed() {
        String account = account();
        JsonNode issued = create(account, "crm-integration", "CRM production");
        String token = issued.path("token").asText();
        assertThat(token).matches("rft_[A-Za-z0-9_-]{43}");

        assertThat(bearer(token, "GET", "/api/deals/NO-SUCH-DEAL", null).status()).as("authenticated as crm-integration").isEqualTo(404);
        Response forbidden = bearer(token, "POST", "/api/titles", "{}");
        assertThat(forbidden.status()).as("its one role only").isEqualTo(403);
        assertThat(bearer(token, "GET", "/engine-rest/task", null).status()).isEqualTo(403);

        // stored: a 32-byte keyed hash, never the token
        long id = issued.path("id").asLong();
        byte[] hash = jdbc.queryForObject("SELECT token_hash FROM api_token WHERE id = ?", byte[].class, id);
        assertThat(hash).hasSize(32);
        String row = jdbc.queryForMap("SELECT * FROM api_token WHERE id = ?", id).toString();
        assertThat(row).doesNotContain(token).doesNotContain(token.substring(4, 20));
        assertThat(HexFormat.of().formatHex(hash)).isNotEqualTo(HexFormat.of().formatHex(token.getBytes(StandardCharsets.US_ASCII)));

        // listed without the token, with its last use
        Response list = get("admin", "/api/admin/tokens?account=" + account);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json()).hasSize(1);
        JsonNode listed = list.json().get(0);
        assertThat(listed.has("token")).isFalse();
        assertThat(list.body()).doesNotContain(token);
        assertThat(listed.path("name").asText()).isEqualTo("CRM production");
        assertThat(listed.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(listed.path("createdBy").asText()).isEqualTo("admin");
        assertThat(listed.path("lastUsedAt").isMissingNode()).as("last use recorded: " + listed).isFalse();
    }

    @Test
    void revokedAndRotatedTokensStopWorking() {
        JsonNode issued = create(account(), "crm-integration", "to rotate");
        String first = issued.path("token").asText();
        long firstId = issued.path("id").asLong();

        Response rotated = postJson("admin", "/api/admin/tokens/" + firstId + "/rotation", "{\"overlapSeconds\": 3600}");
        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(201);
        String second = rotated.json().path("token").asText();
        assertThat(second).isNotEqualTo(first);
        assertThat(bearer(first, "GET", "/api/deals/NO-SUCH-DEAL", null).status()).as("old token during the overlap").isEqualTo(404);
        assertThat(bearer(second, "GET", "/api/deals/NO-SUCH-DEAL", null).status()).isEqualTo(404);
        assertThat(get("admin", "/api/admin/tokens/" + firstId).json().path("expiresAt").isMissingNode()).isFalse();

        long secondId = rotated.json().path("id").asLong();
        Response again = postJson("admin", "/api/admin/tokens/" + secondId + "/rotation", "{\"overlapSeconds\": 0}");
        String third = again.json().path("token").asText();
        Response gone = bearer(second, "GET", "/api/deals/NO-SUCH-DEAL", null);
        assertThat(gone.status()).as("rotated without overlap: stops at once").isEqualTo(401);
        assertThat(gone.contentType()).startsWith("application/problem+json");
        assertThat(bearer(third, "GET", "/api/deals/NO-SUCH-DEAL", null).status()).isEqualTo(404);

        Response revoke = send("admin", HttpRequest.newBuilder(uri("/api/admin/tokens/" + again.json().path("id").asLong())).DELETE());
        assertThat(revoke.status()).isEqualTo(204);
        assertThat(bearer(third, "GET", "/api/deals/NO-SUCH-DEAL", null).status()).as("revoked").isEqualTo(401);
        assertThat(get("admin", "/api/admin/tokens/" + again.json().path("id").asLong()).json().path("status").asText()).isEqualTo("REVOKED");
        assertThat(postJson("admin", "/api/admin/tokens/" + secondId + "/rotation", "{}").status()).as("a revoked token is not rotated").isEqualTo(409);
        assertThat(send("admin", HttpRequest.newBuilder(uri("/api/admin/tokens/999999999")).DELETE()).status()).isEqualTo(404);
    }

    @Test
    void wrongTokensNeverLockATokenOrAnAccount() throws Exception {
        String token = create(account(), "crm-integration", "guessed at").path("token").asText();
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 200; i++) {
            byte[] b = new byte[32];
            random.nextBytes(b);
            String guess = "rft_" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
            LoopbackHttp.Raw r = LoopbackHttp.call(port, "127.0.0.7", "GET", "/api/deals/NO-SUCH-DEAL", "Bearer " + guess, null);
            assertThat(r.status()).isIn(401, 429);
        }
        assertThat(LoopbackHttp.call(port, "127.0.0.7", "GET", "/api/deals/NO-SUCH-DEAL", "Bearer " + token, null).status())
                .as("the guessing address is slowed").isEqualTo(429);
        assertThat(LoopbackHttp.call(port, "127.0.0.8", "GET", "/api/deals/NO-SUCH-DEAL", "Bearer " + token, null).status())
                .as("the token works at once from anywhere else").isEqualTo(404);
    }

    @Test
    void eachServiceRoleReachesOnlyItsOwnEndpoints() {
        String monitoring = create(account(), "monitoring", "Prometheus").path("token").asText();
        assertThat(bearer(monitoring, "GET", "/actuator/prometheus", null).status()).isEqualTo(200);
        assertThat(bearer(monitoring, "GET", "/api/deals/NO-SUCH-DEAL", null).status()).isEqualTo(403);

        String vendor = create(account(), "delivery-partners", "Post house").path("token").asText();
        Response event = bearer(vendor, "POST", "/api/deliveries/0/events", "{}");
        assertThat(event.status()).as("past the URL rules, refused for its body: " + event).isEqualTo(400);
        assertThat(bearer(vendor, "GET", "/api/deliveries/0", null).status()).isEqualTo(403);
        assertThat(bearer(vendor, "GET", "/api/admin/tokens", null).status()).isEqualTo(403);
    }

    @Test
    void onlyAdminsManageTokensAndBadRequestsAreNamedProblems() {
        assertThat(postJson("rita", "/api/admin/tokens", "{\"account\": \"x-svc\", \"role\": \"crm-integration\", \"name\": \"n\"}").status()).isEqualTo(403);
        Response adminRole = postJson("admin", "/api/admin/tokens", "{\"account\": \"x-svc\", \"role\": \"admins\", \"name\": \"n\"}");
        assertThat(adminRole.status()).isEqualTo(400);
        assertThat(adminRole.errorFields()).containsExactly("role");
        Response badAccount = postJson("admin", "/api/admin/tokens", "{\"account\": \"Bad Account\", \"role\": \"monitoring\", \"name\": \"n\"}");
        assertThat(badAccount.status()).isEqualTo(400);
        assertThat(badAccount.errorFields()).containsExactly("account");
        Response past = postJson("admin", "/api/admin/tokens",
                "{\"account\": \"x-svc\", \"role\": \"monitoring\", \"name\": \"n\", \"expiresAt\": \"2001-01-01T00:00:00Z\"}");
        assertThat(past.errorFields()).containsExactly("expiresAt");
        assertThat(postJson("admin", "/api/admin/tokens/1/rotation", "{\"overlapSeconds\": 99999999}").errorFields()).containsExactly("overlapSeconds");
        assertThat(bearer("not-a-token", "GET", "/api/deals/NO-SUCH-DEAL", null).status()).isEqualTo(401);
    }

    @Test
    void theAdminEndpointsAreDocumentedInOpenApi() {
        JsonNode paths = get(null, "/v3/api-docs").json().path("paths");
        assertThat(paths.has("/api/admin/tokens")).isTrue();
        assertThat(paths.path("/api/admin/tokens").has("post")).isTrue();
        assertThat(paths.has("/api/admin/tokens/{id}/rotation")).isTrue();
        assertThat(paths.has("/api/admin/users/{userId}/lock")).isTrue();
    }
}
