package io.reelflow.support;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A browser's session in Tasklist: the login page's CSRF token, the login, then the engine API that Tasklist
 * itself calls ({@code /camunda/api/engine/engine/default/...}) with the session cookie and the token.
 */
public final class WebappSession {

    public record Answer(int status, String body) {
        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    private final HttpClient browser;
    private final String base;
    private final String token;

    private WebappSession(HttpClient browser, String base, String token) {
        this.browser = browser;
        this.base = base;
        this.token = token;
    }

    public static WebappSession login(int port, String user, String password, String app) {
        String base = "http://localhost:" + port;
        CookieManager cookies = new CookieManager();
        HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).connectTimeout(Duration.ofSeconds(10)).build();
        try {
            HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(base + "/camunda/app/" + app + "/default/")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (page.statusCode() != 200) throw new AssertionError("GET " + app + ": " + page.statusCode());
            String token = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                    .map(HttpCookie::getValue).findFirst().orElseThrow(() -> new AssertionError("no XSRF-TOKEN cookie"));
            HttpResponse<String> login = browser.send(HttpRequest.newBuilder(URI.create(base + "/camunda/api/admin/auth/user/default/login/" + app))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", token)
                    .POST(HttpRequest.BodyPublishers.ofString("username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                            + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
            if (login.statusCode() != 200) throw new AssertionError(user + " login to " + app + ": " + login.statusCode() + " " + login.body());
            // the login starts a new session, whose first request hands out its own CSRF token
            HttpResponse<String> first = browser.send(HttpRequest.newBuilder(URI.create(base + "/camunda/api/engine/engine/default/task/count"))
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
            if (first.statusCode() != 200) throw new AssertionError(user + " after login: " + first.statusCode() + " " + first.body());
            String current = first.headers().firstValue("X-XSRF-TOKEN").orElseThrow(() -> new AssertionError("no CSRF token after login"));
            return new WebappSession(browser, base, current);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A call to the engine API as Tasklist makes it; {@code path} starts after {@code /engine/default}. */
    public Answer engine(String method, String path, String json) {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + "/camunda/api/engine/engine/default" + path))
                .header("X-XSRF-TOKEN", token).header("Accept", "application/json").timeout(Duration.ofSeconds(60));
        if (json == null) r.method(method, HttpRequest.BodyPublishers.noBody());
        else r.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        try {
            HttpResponse<String> a = browser.send(r.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(a.statusCode(), a.body());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
