package io.reelflow.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelflow.support.ApiTestSupport;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The webapps' "who is signed in?" answers 204 (not 404) to a visitor, and Camunda's 200 with the user once signed in. */
class WebappSignedOutCheckTest extends ApiTestSupport {

    private static final String WHO = "/camunda/api/admin/auth/user/default";

    @Test
    void signedOutIsNoContentSignedInIsTheUser() throws Exception {
        CookieManager cookies = new CookieManager();
        HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).connectTimeout(Duration.ofSeconds(10)).build();
        browser.send(HttpRequest.newBuilder(uri("/camunda/app/tasklist/default/")).GET().build(), HttpResponse.BodyHandlers.ofString());

        HttpResponse<String> visitor = browser.send(HttpRequest.newBuilder(uri(WHO)).header("Accept", "application/json").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(visitor.statusCode()).as(visitor.body()).isEqualTo(204);
        assertThat(visitor.body()).isEmpty();

        String token = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                .map(HttpCookie::getValue).findFirst().orElseThrow(() -> new AssertionError("no XSRF-TOKEN cookie"));
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(uri(WHO + "/login/tasklist"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", token)
                .POST(HttpRequest.BodyPublishers.ofString("username=dave&password=" + PASSWORD)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);

        HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(uri(WHO)).header("Accept", "application/json").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
        assertThat(signedIn.body()).contains("\"userId\":\"dave\"");
        assertThat(signedIn.headers().firstValue("X-XSRF-TOKEN")).as("Camunda still hands the renewed CSRF token").isPresent();

        // another engine: nobody signed in there, so no content either
        HttpResponse<String> otherEngine = browser.send(HttpRequest.newBuilder(uri("/camunda/api/admin/auth/user/other")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(otherEngine.statusCode()).isEqualTo(204);
    }
}
