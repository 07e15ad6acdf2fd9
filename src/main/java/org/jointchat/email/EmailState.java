package org.jointchat.email;

import java.time.OffsetDateTime;

/**
 * A user's e-mail address as the profile and {@code GET /users/me/email} show it.
 *
 * @param email         the verified address, or null
 * @param verifiedAt    when it was verified, or null
 * @param pending       an address waiting for its verification link to be followed, or null
 * @param pendingSentAt when that link was sent, or null
 * @param mailEnabled   whether this server sends e-mail with links (an SMTP host and {@code jointchat.public-url} set)
 */
public record EmailState(String email, OffsetDateTime verifiedAt, String pending, OffsetDateTime pendingSentAt, boolean mailEnabled) {
}
