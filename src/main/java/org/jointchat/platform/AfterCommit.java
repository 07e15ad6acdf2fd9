package org.jointchat.platform;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/** Runs work once the current JTA transaction has committed (at once when there is none). */
@ApplicationScoped
public class AfterCommit {

    @Resource
    TransactionSynchronizationRegistry transactions;

    public void run(Runnable action) {
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            action.run();
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                action.run(); // after a rollback too: invalidating twice is harmless
            }
        });
    }
}
