package org.jointchat.account;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jointchat.platform.VisibleText;

/**
 * What a newcomer submits to register, and the rules it must satisfy. Pure logic, so that every
 * adapter (REST, Faces) reports the same violations.
 */
public record Registration(String login, String displayName, String password, String passwordRepeat) {

    /** Letters may be typed in either case; the stored login is lower-case. */
    private static final Pattern LOGIN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{2,31}");
    public static final int DISPLAY_NAME_MAX = 64;
    public static final int PASSWORD_MIN = 8;
    public static final int PASSWORD_MAX = 128;

    /** For API clients, which send the password once. */
    public static Registration of(String login, String displayName, String password) {
        return new Registration(login, displayName, password, password);
    }

    public String normalizedLogin() {
        return normalizeLogin(login);
    }

    public String normalizedDisplayName() {
        return displayName == null ? null : displayName.strip();
    }

    /** The violations of the rules, empty when the registration may be stored. */
    public List<FieldError> violations() {
        var errors = new ArrayList<FieldError>();
        if (login == null || login.isEmpty()) {
            errors.add(new FieldError("login", "account.login.required"));
        } else if (!LOGIN.matcher(login).matches()) {
            errors.add(new FieldError("login", "account.login.invalid"));
        }
        String name = normalizedDisplayName();
        if (name == null || name.isEmpty()) {
            errors.add(new FieldError("displayName", "account.displayName.required"));
        } else if (name.codePointCount(0, name.length()) > DISPLAY_NAME_MAX) {
            errors.add(new FieldError("displayName", "account.displayName.tooLong"));
        } else if (hasControlCharacters(name)) {
            errors.add(new FieldError("displayName", "account.displayName.invalid"));
        }
        if (password == null || password.isEmpty()) {
            errors.add(new FieldError("password", "account.password.required"));
        } else {
            int length = password.codePointCount(0, password.length());
            if (length < PASSWORD_MIN) {
                errors.add(new FieldError("password", "account.password.tooShort"));
            } else if (length > PASSWORD_MAX) {
                errors.add(new FieldError("password", "account.password.tooLong"));
            } else if (!password.equals(passwordRepeat)) {
                errors.add(new FieldError("passwordRepeat", "account.password.mismatch"));
            }
        }
        return errors;
    }

    public static String normalizeLogin(String login) {
        return login == null ? null : login.strip().toLowerCase(Locale.ROOT);
    }

    static boolean hasControlCharacters(String text) {
        return VisibleText.hasHiddenCharacters(text, false);
    }
}
