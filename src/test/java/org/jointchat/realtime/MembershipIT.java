package org.jointchat.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import java.net.URL;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jointchat.account.AccountService;
import org.jointchat.account.Registration;
import org.jointchat.account.TokenService;
import org.jointchat.platform.Database;
import org.jointchat.support.ChatClient;
import org.jointchat.support.Deployments;
import org.jointchat.support.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Membership is checked on every send, sync and typing frame. Rooms are made with SQL here (room
 * management comes with its own API); the frames are sent over a real socket from inside the server.
 */
@ExtendWith(ArquillianExtension.class)
class MembershipIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.appWithChatClient(MembershipIT.class);
    }

    @Inject
    AccountService accounts;

    @Inject
    TokenService tokens;

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    @ArquillianResource
    URL base;

    @Test
    void nonMembersGetNotMemberForPublicRoomsAndNotFoundForPrivateOnes() throws Exception {
        var user = accounts.register(Registration.of(TestData.uniqueLogin("outsider"), "Outsider", TestData.PASSWORD));
        long publicRoom = createRoom("public");
        long privateRoom = createRoom("private");
        try (var client = ChatClient.connect(base.toURI(), tokens.issue(user).token(), null)) {
            client.sendMessage(publicRoom, "let me in", "nm-1");
            assertEquals("NOT_MEMBER", client.next("error").getString("code"));
            client.sync(publicRoom, 0);
            assertEquals("NOT_MEMBER", client.next("error").getString("code"));
            client.sendMessage(privateRoom, "let me in", "nm-2");
            assertEquals("NOT_FOUND", client.next("error").getString("code"), "private rooms do not admit they exist");
            client.sendRaw("{\"type\":\"typing\",\"room\":" + privateRoom + "}");
            assertEquals("NOT_FOUND", client.next("error").getString("code"));
        }
        assertEquals(0, count("SELECT count(*) FROM messages WHERE room_id IN (?, ?)", publicRoom, privateRoom));
    }

    private long createRoom(String kind) throws SQLException {
        try (var c = dataSource.getConnection();
                var insert = c.prepareStatement("INSERT INTO rooms (name, kind) VALUES (?, ?) RETURNING id")) {
            insert.setString(1, TestData.uniqueLogin(kind));
            insert.setString(2, kind);
            try (var rows = insert.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private long count(String sql, Object... parameters) throws SQLException {
        try (var c = dataSource.getConnection(); var select = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setObject(i + 1, parameters[i]);
            }
            try (var rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
