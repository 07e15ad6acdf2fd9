package org.jointchat.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.CompletionException;
import org.jointchat.support.Accounts;
import org.jointchat.support.AgainstTheServer;
import org.jointchat.support.ChatClient;
import org.jointchat.support.HttpSession;
import org.jointchat.support.Problems;
import org.junit.jupiter.api.Test;

/** One-use socket tickets (issue 24): {@code POST /api/v1/ws-ticket}, then {@code /ws?ticket=…} once. */
class SocketTicketIT extends AgainstTheServer {

    private String ticket(String token) {
        HttpResponse<String> issued = api.postJson("api/v1/ws-ticket", "", "Authorization", "Bearer " + token);
        assertEquals(201, issued.statusCode(), issued.body());
        var body = HttpSession.json(issued);
        assertTrue(body.containsKey("expiresAt"), issued.body());
        return body.getString("ticket");
    }

    private static int refusal(CompletionException failure) {
        return ((WebSocketHandshakeException) failure.getCause()).getResponse().statusCode();
    }

    @Test
    void aTicketOpensOneSocketOnceAndEndsWithItsToken() throws Exception {
        String login = Accounts.register(api, "ticket", "Ticket Tester");
        String token = Accounts.token(api, login);
        String ticket = ticket(token);
        assertTrue(ticket.length() < 32, "short: " + ticket);
        try (var socket = ChatClient.connectWithTicket(base, ticket)) {
            assertEquals(login, socket.hello.getJsonObject("user").getString("login"), "the ticket's user");
            var again = assertThrows(CompletionException.class, () -> ChatClient.connectWithTicket(base, ticket));
            assertEquals(401, refusal(again), "a ticket opens one socket only");

            String unused = ticket(token);
            assertEquals(204, api.delete("api/v1/tokens/current", "Authorization", "Bearer " + token).statusCode());
            assertEquals(1008, socket.awaitClosed(), "the socket ends with the token its ticket stood for");
            var afterRevoke = assertThrows(CompletionException.class, () -> ChatClient.connectWithTicket(base, unused));
            assertEquals(401, refusal(afterRevoke), "a ticket of a revoked token opens nothing");
        }
    }

    @Test
    void wrongTicketsAndAnonymousRequestsAreRefused() {
        var forged = assertThrows(CompletionException.class, () -> ChatClient.connectWithTicket(base, "AAAAAAAAAAAAAAAAAAAAAA"));
        assertEquals(401, refusal(forged), "an unknown ticket");
        var empty = assertThrows(CompletionException.class, () -> ChatClient.connectWithTicket(base, ""));
        assertEquals(401, refusal(empty), "an empty ticket");
        Problems.assertProblem(401, "unauthenticated", api.postJson("api/v1/ws-ticket", ""), "a ticket without signing in");
        Problems.assertProblem(401, "unauthenticated", api.postJson("api/v1/ws-ticket", "", "Authorization", "Bearer forged"),
                "a ticket for a forged token");
    }
}
