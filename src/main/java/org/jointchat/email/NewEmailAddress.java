package org.jointchat.email;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * An address a user asks to use (the body of {@code PUT /users/me/email} and the profile's field), checked by Bean
 * Validation: at most 254 characters (RFC 5321's path limit) and a sane, plain syntax: a local part of up to 64
 * ordinary characters, an {@code @}, and a domain of at least two dot-separated DNS labels. The messages are
 * bundle keys. With it, optionally, the account's password: changing the address reset links go to needs a recent
 * sign-in or the password (a stolen session alone must not take the account over).
 */
// A class, not a record: on a record component the constraints are copied to the accessor and the constructor's
// parameter, where Payara's OpenAPI processor (6.2025.9) fails on them and /openapi answers 500.
public final class NewEmailAddress {

    static final String SYNTAX = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z0-9-]{2,63}";

    @NotBlank(message = "email.required")
    @Size(max = 254, message = "email.tooLong")
    @Pattern(regexp = SYNTAX, message = "email.invalid")
    private String email;

    /** The account's password, needed when the caller signed in more than 10 minutes ago ({@code RecentProof}). */
    private String password;

    /** For JSON-B (the request body). */
    public NewEmailAddress() {
    }

    public NewEmailAddress(String email) {
        setEmail(email);
    }

    public String email() {
        return email;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email == null ? null : email.strip();
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }
}
