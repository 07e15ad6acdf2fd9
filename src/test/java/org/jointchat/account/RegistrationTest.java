package org.jointchat.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class RegistrationTest {

    static List<Arguments> broken() {
        String ok = "secret-pass";
        return List.of(
                Arguments.of(new Registration(null, "Ann", ok, ok), "login", "account.login.required"),
                Arguments.of(new Registration("ab", "Ann", ok, ok), "login", "account.login.invalid"),
                Arguments.of(new Registration("a".repeat(33), "Ann", ok, ok), "login", "account.login.invalid"),
                Arguments.of(new Registration(".ann", "Ann", ok, ok), "login", "account.login.invalid"),
                Arguments.of(new Registration("ann smith", "Ann", ok, ok), "login", "account.login.invalid"),
                Arguments.of(new Registration("аnn", "Ann", ok, ok), "login", "account.login.invalid"), // Cyrillic а
                Arguments.of(new Registration("ann'--", "Ann", ok, ok), "login", "account.login.invalid"),
                Arguments.of(new Registration("ann", "   ", ok, ok), "displayName", "account.displayName.required"),
                Arguments.of(new Registration("ann", "x".repeat(65), ok, ok), "displayName", "account.displayName.tooLong"),
                Arguments.of(new Registration("ann", "Ann\u0007", ok, ok), "displayName", "account.displayName.invalid"),
                Arguments.of(new Registration("ann", "Ann\u202Eevil", ok, ok), "displayName", "account.displayName.invalid"),
                Arguments.of(new Registration("ann", "Ann", "", ""), "password", "account.password.required"),
                Arguments.of(new Registration("ann", "Ann", "1234567", "1234567"), "password", "account.password.tooShort"),
                Arguments.of(new Registration("ann", "Ann", "p".repeat(129), "p".repeat(129)), "password", "account.password.tooLong"),
                Arguments.of(new Registration("ann", "Ann", ok, ok + "x"), "passwordRepeat", "account.password.mismatch"));
    }

    @ParameterizedTest
    @MethodSource("broken")
    void eachBrokenRuleIsReportedOnItsField(Registration registration, String field, String key) {
        assertEquals(List.of(new FieldError(field, key)), registration.violations());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ann", "Ann.Smith-2", "0xdeadbeef", "a_b", "abcdefghijklmnopqrstuvwxyz012345"})
    void validLoginsPass(String login) {
        assertTrue(Registration.of(login, "Ann 👩‍💻", "12345678").violations().isEmpty());
    }

    @org.junit.jupiter.api.Test
    void loginIsStoredLowerCaseAndDisplayNameTrimmed() {
        var registration = Registration.of("Ann.Smith", "  Ann Smith ", "12345678");
        assertEquals("ann.smith", registration.normalizedLogin());
        assertEquals("Ann Smith", registration.normalizedDisplayName());
    }
}
