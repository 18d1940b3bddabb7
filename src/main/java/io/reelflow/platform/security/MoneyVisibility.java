package io.reelflow.platform.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Money is seen by finance only (and admins): the one question an {@code /api} answer shared by every role asks
 * before it shows an amount. Inside the engine the same rule is a matter of grants ({@link GroupAuthorizations#MONEY_PROCESSES}).
 */
public final class MoneyVisibility {

    private static final String FINANCE = "ROLE_" + Roles.FINANCE, ADMINS = "ROLE_" + Roles.ADMINS;

    private MoneyVisibility() {
    }

    /** True when the caller of the current request is in finance or admins. */
    public static boolean callerSeesMoney() {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        if (caller == null) return false;
        for (GrantedAuthority a : caller.getAuthorities()) {
            if (FINANCE.equals(a.getAuthority()) || ADMINS.equals(a.getAuthority())) return true;
        }
        return false;
    }
}
