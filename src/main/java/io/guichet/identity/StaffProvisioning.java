package io.guichet.identity;

import java.util.List;

/**
 * Accounts made and changed by single sign-on, with the services the provider's groups map to. The inbox owns
 * memberships and capacity, so it implements this port (wired in {@code App}), as it does {@link ServiceMemberships}.
 */
public interface StaffProvisioning {
    /** A new account (no password) working in these services, all of it or nothing. */
    long create(IdentityService.NewStaff account, List<String> serviceSlugs);

    /** The account's name, role and state as given, and its services ({@code null}: the ones it has now). */
    void update(Staff changed, List<String> serviceSlugs);
}
