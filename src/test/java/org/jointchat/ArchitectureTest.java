package org.jointchat;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Package arrows point one way: from the edge (web, admin, realtime) down through the features to the
 * floor (platform). Read from bytecode, so fully qualified names count as much as imports.
 * Layering, bottom up: platform &lt; api &lt; audit &lt; account &lt; room &lt; attachment &lt; message
 * &lt; report/pin/thread/presence/status &lt; profile/realtime &lt; admin &lt; web.
 */
class ArchitectureTest {

    private static final String[] FEATURES = {
        "org.jointchat.audit..", "org.jointchat.account..", "org.jointchat.room..",
        "org.jointchat.attachment..", "org.jointchat.message..", "org.jointchat.report..", "org.jointchat.pin..", "org.jointchat.thread..",
        "org.jointchat.forward..", "org.jointchat.draft..", // issue 22: forwarding, drafts
        "org.jointchat.receipt..", // read receipts (issue 22, item 3)
        "org.jointchat.presence..", "org.jointchat.profile..", "org.jointchat.realtime..", "org.jointchat.admin..",
        "org.jointchat.web..",
        "org.jointchat.status..", // status and do-not-disturb (issue 22, item 4)
        "org.jointchat.sso..", // single sign-on (issue 23, item 2)
        "org.jointchat.twofactor..", // two-factor sign-in (issue 23, item 3)
        "org.jointchat.mail..", "org.jointchat.email..", // issue 23, mail: sending e-mail; addresses and password reset
        "org.jointchat.missed..", // missed-message e-mail (issue 23, item 1, digest)
        "org.jointchat.passkey.." // passkeys (issue 23, item 4)
    };

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("org.jointchat");
    }

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("org.jointchat.(*)..").should().beFreeOfCycles().check(main);
    }

    @Test
    void platformKnowsNoFeature() {
        noClasses().that().resideInAPackage("org.jointchat.platform..")
                .should().dependOnClassesThat().resideInAnyPackage(withApi(FEATURES))
                .because("the floor is what every feature needs; it knows none of them")
                .check(main);
    }

    @Test
    void apiKnowsNoFeature() {
        noClasses().that().resideInAPackage("org.jointchat.api..")
                .should().dependOnClassesThat().resideInAnyPackage(FEATURES)
                .because("features throw problems the REST edge maps without knowing the feature")
                .check(main);
    }

    @Test
    void accountKnowsNeitherSingleSignOnNorTwoFactor() {
        noClasses().that().resideInAPackage("org.jointchat.account..")
                .should().dependOnClassesThat().resideInAnyPackage("org.jointchat.sso..", "org.jointchat.twofactor..")
                .because("accounts offer extension points (PasswordSignInGate, SecondFactorMethod, VerifiedSignIn) that"
                        + " sign-in features implement; the account package knows none of them")
                .check(main);
    }

    private static String[] withApi(String[] features) {
        String[] all = new String[features.length + 1];
        System.arraycopy(features, 0, all, 0, features.length);
        all[features.length] = "org.jointchat.api..";
        return all;
    }

    /**
     * A periodic task keeps the context of the thread that scheduled it. Scheduled from inside a request (a bean made on
     * first use), it ran every second with that request's invocation, and Payara closed a later page request's entity
     * manager under it. Beans that start periodic work in {@code @PostConstruct} are therefore made with the application.
     */
    @Test
    void periodicWorkStartsWithTheApplication() {
        var late = new java.util.ArrayList<String>();
        for (var type : main) {
            boolean schedules = type.getMethods().stream()
                    .filter(m -> m.isAnnotatedWith(jakarta.annotation.PostConstruct.class))
                    .flatMap(m -> m.getMethodCallsFromSelf().stream())
                    .anyMatch(call -> call.getName().equals("scheduleWithFixedDelay") || call.getName().equals("scheduleAtFixedRate"));
            boolean boots = type.getMethods().stream().flatMap(m -> m.getParameters().stream())
                    .anyMatch(p -> p.isAnnotatedWith(jakarta.enterprise.context.Initialized.class));
            if (schedules && !boots) {
                late.add(type.getName());
            }
        }
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(), late,
                "start periodic work with the application: observe @Initialized(ApplicationScoped.class)");
    }
}
