package io.reelflow.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reelflow.support.ApiTestSupport;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;

/** Remembered logins: another password is never taken from memory, a changed password applies once the memory expires. */
class LoginCacheTest extends ApiTestSupport {

    @Autowired IdentityService identity;

    @Test
    void remembersAVerifiedLoginOnlyForItsPasswordAndOnlyForAWhile() {
        String user = unique("cachetest").toLowerCase().replaceAll("[^a-z0-9]", "");
        User u = identity.newUser(user);
        u.setPassword("first-secret");
        identity.saveUser(u);
        identity.createMembership(user, Roles.FINANCE);
        AtomicLong now = new AtomicLong();
        IdentityServiceAuthenticationProvider logins = new IdentityServiceAuthenticationProvider(identity, Duration.ofMillis(500), now::get);

        var first = logins.authenticate(new UsernamePasswordAuthenticationToken(user, "first-secret"));
        assertThat(first.getAuthorities()).extracting(GrantedAuthority::getAuthority).containsExactly("ROLE_finance");

        User changed = identity.createUserQuery().userId(user).singleResult();
        changed.setPassword("second-secret");
        identity.saveUser(changed);
        assertThat(logins.authenticate(new UsernamePasswordAuthenticationToken(user, "first-secret")).isAuthenticated())
                .as("remembered for a while").isTrue();
        now.addAndGet(Duration.ofMillis(600).toNanos());
        assertThat(logins.authenticate(new UsernamePasswordAuthenticationToken(user, "second-secret")).isAuthenticated())
                .as("after the memory expired the store decides").isTrue();
        // a password that does not match the remembered login is never taken from memory
        // (only failures last: the store delays further attempts of this user after one)
        assertThatThrownBy(() -> logins.authenticate(new UsernamePasswordAuthenticationToken(user, "first-secret")))
                .isInstanceOf(BadCredentialsException.class);
        identity.deleteUser(user);
    }
}
