package fi.mentoringledger.security;

import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.userdetails.User;

/** A user from configuration (HTTP Basic or the sign-in form), carrying who they are in the ledger. */
final class LedgerUser extends User {

    private final Caller caller;

    LedgerUser(Caller caller, String encodedPassword) {
        super(caller.username(), encodedPassword, AuthorityUtils.createAuthorityList(
                caller.roles().stream().map(Role::authority).toList()));
        this.caller = caller;
    }

    Caller caller() {
        return caller;
    }

    @Override
    public boolean equals(Object other) {
        return super.equals(other);
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }
}
