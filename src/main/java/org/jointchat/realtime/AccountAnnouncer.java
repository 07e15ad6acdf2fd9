package org.jointchat.realtime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import org.jointchat.account.CredentialsChanged;
import org.jointchat.account.ProfileChanged;
import org.jointchat.account.TokenRevoked;

/** Makes committed account changes live: new names on open sockets, sockets of an old password closed. */
@ApplicationScoped
public class AccountAnnouncer {

    @Inject
    Fanout fanout;

    @Inject
    ConnectionRegistry connections;

    void profileChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) ProfileChanged change) {
        connections.forUser(change.user().login()).forEach(c -> c.rename(change.user()));
        fanout.profileChanged(change.user(), change.status());
    }

    /** The sockets opened with a revoked token close at once (1008). */
    void tokenRevoked(@Observes(during = TransactionPhase.AFTER_SUCCESS) TokenRevoked revoked) {
        connections.closeOpenedWith(SocketCredential.ofToken(revoked.tokenHash()), "token revoked");
    }

    /**
     * Every socket of the user closes (a new password, sessions ended or the account deactivated by an administrator);
     * tabs whose session is still valid reconnect at once, others sign in again.
     */
    void credentialsChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) CredentialsChanged change) {
        connections.forUser(change.user().login()).forEach(c ->
                c.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "credentials changed")));
    }
}
