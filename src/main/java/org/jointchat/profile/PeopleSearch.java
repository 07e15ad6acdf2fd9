package org.jointchat.profile;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jointchat.account.AccountService;
import org.jointchat.account.User;
import org.jointchat.account.UserRef;
import org.jointchat.api.ProblemException;
import org.jointchat.api.ProblemType;
import org.jointchat.platform.SlidingWindow;

/**
 * Finding people by part of their name or login (GET /users?query=, the add-people picker and the @ suggestions): a
 * bounded page, a query of reasonable length, and a per-user allowance like the message search's, since every
 * keystroke of a picker may ask.
 */
@ApplicationScoped
public class PeopleSearch {

    /** Longer than any login or display name: a longer query can match nobody. */
    public static final int QUERY_MAX = 100;
    public static final int LIMIT_MAX = 100;

    @Inject
    AccountService accounts;

    @Inject
    @ConfigProperty(name = "jointchat.users.search.rate.queries", defaultValue = "60")
    int maxQueries;

    @Inject
    @ConfigProperty(name = "jointchat.users.search.rate.window", defaultValue = "PT10S")
    Duration window;

    private final SlidingWindow searches = new SlidingWindow();

    /** 400 validation for a query that is too long, 429 too-many-requests past the allowance; limit is kept within 1–100. */
    public List<User> search(UserRef caller, String query, int limit, int offset) {
        if (query != null && query.length() > QUERY_MAX) {
            throw new ProblemException(ProblemType.VALIDATION);
        }
        if (searches.users() > 10_000) {
            searches.forgetIdle(window);
        }
        if (!searches.tryAcquire(caller.id(), maxQueries, window)) {
            throw new ProblemException(ProblemType.TOO_MANY_REQUESTS, window);
        }
        return accounts.search(query, Math.max(1, Math.min(LIMIT_MAX, limit)), Math.max(0, offset));
    }
}
