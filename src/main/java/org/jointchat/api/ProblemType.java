package org.jointchat.api;

import jakarta.ws.rs.core.Response.Status;

/** The problem types the API answers with; each has a stable URI and a localized title. */
public enum ProblemType {
    VALIDATION(400, "validation"),
    MALFORMED_REQUEST(400, "malformed-request"),
    INVALID_CREDENTIALS(401, "invalid-credentials"),
    UNAUTHENTICATED(401, "unauthenticated"),
    FORBIDDEN(403, "forbidden"),
    NOT_FOUND(404, "not-found"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed"),
    NOT_ACCEPTABLE(406, "not-acceptable"),
    CONFLICT_LOGIN_TAKEN(409, "login-taken"),
    ROOM_NAME_TAKEN(409, "room-name-taken"),
    PAYLOAD_TOO_LARGE(413, "payload-too-large"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type"),
    TOO_MANY_ATTEMPTS(429, "too-many-attempts"),
    EMPTY(400, "empty"),
    TOO_LONG(400, "too-long"),
    NOT_MEMBER(403, "not-member"),
    RATE_LIMITED(429, "rate-limited"),
    INTERNAL(500, "internal"),
    UNAVAILABLE(503, "unavailable"),
    FILE_TOO_LARGE(413, "file-too-large"),
    QUOTA_EXCEEDED(413, "quota-exceeded"),
    UNSUPPORTED_FILE_TYPE(415, "unsupported-file-type"),
    // Administration (issue 19): accounts, registration modes, roles.
    ACCOUNT_DEACTIVATED(403, "account-deactivated"),
    PASSWORD_CHANGE_REQUIRED(403, "password-change-required"),
    REGISTRATION_CLOSED(403, "registration-closed"),
    INVITE_REQUIRED(403, "invite-required"),
    INVITE_INVALID(403, "invite-invalid"),
    LAST_ADMINISTRATOR(409, "last-administrator"),
    // Abuse resistance and hardening (issue 19).
    TOO_MANY_REQUESTS(429, "too-many-requests"),
    BUSY(503, "busy"),
    CROSS_ORIGIN(403, "cross-origin"),
    // Moderation: a muted member's send, a banned user's join, an archived room, a member's post to an announcement room.
    MUTED(403, "muted"),
    BANNED(403, "banned"),
    ARCHIVED(403, "archived"),
    ANNOUNCEMENT_ONLY(403, "announcement-only"),
    // Read receipts (issue 22, item 3): readers asked for in a room of more than 100 members.
    RECEIPTS_UNAVAILABLE(409, "receipts-unavailable"),
    // Single sign-on (issue 23, item 2): the right password of an account that signs in through the identity provider.
    PASSWORDS_OFF(403, "passwords-off"),
    // Two-factor sign-in (issue 23, item 3, "totp"): POST /tokens of an account with a second factor, and the policy.
    SECOND_FACTOR_REQUIRED(401, "second-factor-required"),
    SECOND_FACTOR_INVALID(401, "second-factor-invalid"),
    SECOND_FACTOR_REPLAYED(401, "second-factor-replayed"),
    TWO_FACTOR_ENROLMENT_REQUIRED(403, "two-factor-enrolment-required"),
    // Issue 23, mail: e-mail off; an address another account uses; an e-mail link unknown, expired or used already.
    MAIL_OFF(409, "mail-off"),
    EMAIL_UNAVAILABLE(409, "email-unavailable"),
    LINK_INVALID(404, "link-invalid"),
    LINK_EXPIRED(410, "link-expired"),
    LINK_USED(410, "link-used"),
    // Issue 23 review (authfix): adding or removing a second factor needs a recent proof; the policy's last factor stays.
    REAUTHENTICATION_REQUIRED(403, "reauthentication-required"),
    LAST_SECOND_FACTOR(409, "last-second-factor");

    private final int status;
    private final String slug;

    ProblemType(int status, String slug) {
        this.status = status;
        this.slug = slug;
    }

    public int status() {
        return status;
    }

    public String uri() {
        return "urn:jointchat:problem:" + slug;
    }

    public String titleKey() {
        return "problem." + slug;
    }

    public static ProblemType forStatus(int status) {
        for (ProblemType type : values()) {
            if (type.status == status && type.ordinal() <= TOO_MANY_ATTEMPTS.ordinal()
                    && type != INVALID_CREDENTIALS && type != VALIDATION) {
                return type;
            }
        }
        return Status.Family.familyOf(status) == Status.Family.CLIENT_ERROR ? MALFORMED_REQUEST : INTERNAL;
    }
}
