package org.jointchat.attachment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import org.jointchat.support.AgainstTheServer;
import org.jointchat.support.HttpSession;
import org.jointchat.support.TestData;
import org.jointchat.support.TestDatabase;
import org.jointchat.support.TestUser;
import org.junit.jupiter.api.Test;

/** Uploads and downloads over the API: who may, what is refused (and then not stored), and how files are served. */
class AttachmentsIT extends AgainstTheServer {

    static final int MIB = 1024 * 1024;
    /** The server's limit (the default: the test domain does not change it). */
    static final int MAX_SIZE = 10 * MIB;
    /** A real 1×1 PNG. */
    static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
    static final byte[] HTML = "<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
            .getBytes(StandardCharsets.UTF_8);

    /** Bytes are compared as bytes: the session's client reads strings. */
    private final HttpClient raw = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    /** A user with a token, calling the API as themselves. */
    final class Member extends TestUser {
        Member(String prefix) {
            super(api, prefix, prefix + " Person");
        }

        long createRoom(String visibility) {
            var created = api.postJson("api/v1/rooms", Json.createObjectBuilder().add("name", TestData.uniqueLogin("Files"))
                    .add("visibility", visibility).build().toString(), "Authorization", bearer());
            assertEquals(201, created.statusCode(), created.body());
            return HttpSession.json(created).getJsonNumber("id").longValue();
        }

        HttpResponse<String> upload(long room, String name, String type, byte[] bytes) {
            return api.send(uploadRequest(room, name, type, HttpRequest.BodyPublishers.ofByteArray(bytes)));
        }

        /** Without Content-Length: the server learns the size only by reading. */
        HttpResponse<String> uploadChunked(long room, String name, String type, byte[] bytes) {
            return api.send(uploadRequest(room, name, type, HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))));
        }

        HttpRequest.Builder uploadRequest(long room, String name, String type, HttpRequest.BodyPublisher body) {
            var request = api.request("api/v1/rooms/" + room + "/attachments"
                    + (name == null ? "" : "?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20")),
                    "Authorization", bearer());
            if (type != null) {
                request.header("Content-Type", type);
            }
            return request.POST(body);
        }

        /** Uploads and expects it stored; the attachment as answered. */
        JsonObject stored(long room, String name, String type, byte[] bytes) {
            var response = upload(room, name, type, bytes);
            assertEquals(201, response.statusCode(), response.body());
            var attachment = HttpSession.json(response);
            assertTrue(response.headers().firstValue("Location").orElseThrow()
                    .endsWith("/api/v1/attachments/" + attachment.getJsonNumber("id").longValue()));
            return attachment;
        }

        HttpResponse<byte[]> download(long id) {
            try {
                return raw.send(api.request("api/v1/attachments/" + id, "Authorization", bearer()).GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        void add(long room, Member other) {
            var added = api.send(api.request("api/v1/rooms/" + room + "/members/" + other.login(), "Authorization", bearer())
                    .PUT(HttpRequest.BodyPublishers.noBody()));
            assertEquals(201, added.statusCode(), added.body());
        }

        /** A message carrying the attachment (the send claims it); the message as answered. */
        JsonObject sendCarrying(long room, long attachment) {
            var sent = api.postJson("api/v1/rooms/" + room + "/messages", Json.createObjectBuilder().add("text", "look")
                    .add("clientId", "f" + System.nanoTime()).add("attachments", Json.createArrayBuilder().add(attachment))
                    .build().toString(), "Authorization", bearer());
            assertEquals(201, sent.statusCode(), sent.body());
            return HttpSession.json(sent);
        }

        long storedFiles() {
            return query("SELECT count(*) FROM attachments a JOIN users u ON u.id = a.uploader_id WHERE u.login = ?", login());
        }
    }

    static long id(JsonObject attachment) {
        return attachment.getJsonNumber("id").longValue();
    }

    static JsonObject problem(HttpResponse<String> response, int status, String type) {
        assertEquals(status, response.statusCode(), response.body());
        var problem = HttpSession.json(response);
        assertEquals("urn:jointchat:problem:" + type, problem.getString("type"), response.body());
        return problem;
    }

    static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElseThrow(() -> new AssertionError("no " + name + " header"));
    }

    static void assertServedInert(HttpResponse<?> response) {
        assertEquals("nosniff", header(response, "X-Content-Type-Options"));
        assertEquals("sandbox; default-src 'none'", header(response, "Content-Security-Policy"));
        assertEquals("same-origin", header(response, "Cross-Origin-Resource-Policy"));
        assertEquals("private, no-cache", header(response, "Cache-Control"), "revalidated, so a deleted file is not served from a cache");
    }

    static long query(String sql, Object... parameters) {
        try (var db = TestDatabase.connect(); var statement = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (var rows = statement.executeQuery()) {
                return rows.next() ? rows.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anImageIsShownInlineToItsUploaderAndOnceSentToTheMembersOfItsRoomOnly() {
        var ann = new Member("ann");
        var bob = new Member("bob");
        long room = ann.createRoom("private");

        var image = ann.stored(room, "../../holiday/cat.png", "image/png", PNG);
        assertEquals("cat.png", image.getString("name"));
        assertEquals("image/png", image.getString("contentType"));
        assertEquals(PNG.length, image.getJsonNumber("size").longValue());
        assertTrue(image.getBoolean("image"));

        var mine = ann.download(id(image));
        assertEquals(200, mine.statusCode());
        assertArrayEquals(PNG, mine.body());
        assertEquals("image/png", header(mine, "Content-Type"));
        assertEquals("inline; filename=\"cat.png\"; filename*=UTF-8''cat.png", header(mine, "Content-Disposition"));
        assertEquals(Integer.toString(PNG.length), header(mine, "Content-Length"));
        assertServedInert(mine);

        // Not a member: exactly as for an id that does not exist.
        var outsider = bob.download(id(image));
        var unknown = bob.download(id(image) + 1_000_000);
        assertEquals(404, outsider.statusCode());
        assertEquals(404, unknown.statusCode());
        assertArrayEquals(unknown.body(), outsider.body());

        // A member sees an upload only once a message carries it.
        ann.add(room, bob);
        assertEquals(404, bob.download(id(image)).statusCode());
        var message = ann.sendCarrying(room, id(image));
        assertEquals(image, message.getJsonArray("attachments").getJsonObject(0));
        var theirs = bob.download(id(image));
        assertEquals(200, theirs.statusCode());
        assertArrayEquals(PNG, theirs.body());

        // Not for whoever leaves the room; for nobody once its message is deleted.
        assertEquals(204, api.delete("api/v1/rooms/" + room + "/members/" + bob.login(), "Authorization", "Bearer " + bob.token()).statusCode());
        assertEquals(404, bob.download(id(image)).statusCode());
        assertEquals(200, ann.download(id(image)).statusCode());
        var deleted = api.delete("api/v1/rooms/" + room + "/messages/" + message.getJsonNumber("seq").longValue(),
                "Authorization", "Bearer " + ann.token());
        assertEquals(204, deleted.statusCode(), deleted.body());
        assertEquals(404, ann.download(id(image)).statusCode());
        assertEquals(0, ann.storedFiles());
    }

    @Test
    void onlyMembersUploadAndOnlySignedInCallersAtAll() {
        var ann = new Member("ann");
        var bob = new Member("bob");
        long secret = ann.createRoom("private");
        long open = ann.createRoom("public");

        problem(bob.upload(secret, "a.txt", "text/plain", "hi".getBytes(StandardCharsets.UTF_8)), 404, "not-found");
        problem(bob.upload(open, "a.txt", "text/plain", "hi".getBytes(StandardCharsets.UTF_8)), 403, "not-member");
        problem(bob.upload(999_999_999, "a.txt", "text/plain", "hi".getBytes(StandardCharsets.UTF_8)), 404, "not-found");
        assertEquals(0, bob.storedFiles());

        var anonymous = api.send(api.request("api/v1/rooms/" + open + "/attachments?name=a.txt").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("hi")));
        problem(anonymous, 401, "unauthenticated");
        var stored = ann.stored(open, "a.txt", "text/plain", "hi".getBytes(StandardCharsets.UTF_8));
        problem(api.get("api/v1/attachments/" + id(stored)), 401, "unauthenticated");
    }

    @Test
    void htmlUploadedAsTextIsServedAsPlainTextToDownloadNeverAsAPage() {
        var ann = new Member("ann");
        long room = ann.createRoom("private");
        var page = ann.stored(room, "отчёт <1>.html", "text/plain; charset=utf-8", HTML);
        assertFalse(page.getBoolean("image"));
        assertEquals("text/plain", page.getString("contentType"));

        var served = ann.download(id(page));
        assertEquals(200, served.statusCode());
        assertArrayEquals(HTML, served.body());
        assertEquals("text/plain;charset=utf-8", header(served, "Content-Type").replace(" ", "").toLowerCase());
        assertEquals("attachment; filename=\"_____ <1>.html\"; filename*=UTF-8''%D0%BE%D1%82%D1%87%D1%91%D1%82%20%3C1%3E.html",
                header(served, "Content-Disposition"));
        assertServedInert(served);

        var pdf = ann.stored(room, "doc.pdf", "application/pdf", "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII));
        var download = ann.download(id(pdf));
        assertEquals("application/octet-stream", header(download, "Content-Type"));
        assertTrue(header(download, "Content-Disposition").startsWith("attachment;"));
        assertServedInert(download);
    }

    @Test
    void typesOffTheListAndImagesThatAreNotAreRefusedAndNothingIsStored() {
        var ann = new Member("ann");
        long room = ann.createRoom("private");
        for (String type : new String[] {"image/svg+xml", "text/html", "application/javascript", "application/octet-stream"}) {
            var refused = problem(ann.upload(room, "x", type, HTML), 415, "unsupported-file-type");
            assertTrue(refused.getString("detail").contains("PNG, JPEG, GIF, WebP, PDF, TXT, ZIP, JSON"), refused.toString());
        }
        problem(ann.upload(room, "x", null, HTML), 415, "unsupported-file-type");
        var fake = problem(ann.upload(room, "cat.png", "image/png", HTML), 415, "unsupported-file-type");
        assertTrue(fake.getString("detail").contains("PNG"), fake.toString());
        problem(ann.upload(room, "cat.gif", "image/gif", PNG), 415, "unsupported-file-type");
        var russian = HttpSession.json(api.send(ann.uploadRequest(room, "x.svg", "image/svg+xml",
                HttpRequest.BodyPublishers.ofByteArray(HTML)).header("Accept-Language", "ru")));
        assertTrue(russian.getString("detail").startsWith("Файлы такого типа"), russian.toString());
        assertEquals(0, ann.storedFiles());
    }

    @Test
    void badNamesAreRefusedOnTheNameField() {
        var ann = new Member("ann");
        long room = ann.createRoom("private");
        for (String name : new String[] {null, " ", "dir/", "..", "x".repeat(256), "gpj\u202Eexe.png"}) {
            var refused = problem(ann.upload(room, name, "image/png", PNG), 400, "validation");
            assertEquals("name", refused.getJsonArray("errors").getJsonObject(0).getString("field"));
        }
        assertEquals(0, ann.storedFiles());
    }

    @Test
    void aFileOverTheLimitIsRefusedWhetherItsLengthIsAnnouncedOrNot() {
        var ann = new Member("ann");
        long room = ann.createRoom("private");
        byte[] tooLarge = new byte[MAX_SIZE + 1];
        var announced = problem(ann.upload(room, "big.zip", "application/zip", tooLarge), 413, "file-too-large");
        assertTrue(announced.getString("detail").contains("10 MiB"), announced.toString());
        problem(ann.uploadChunked(room, "big.zip", "application/zip", tooLarge), 413, "file-too-large");
        assertEquals(0, ann.storedFiles());
        // The JSON limit (64 KiB) is not the upload limit.
        ann.stored(room, "medium.zip", "application/zip", new byte[MIB]);
    }

    @Test
    void aUsersFilesStayWithinTheirQuota() {
        long quota = Long.parseLong(System.getenv().getOrDefault("JOINTCHAT_FILES_QUOTA", "209715200"));
        assertEquals(12 * MIB, quota, "the test domain's quota (pom.xml, it.files.quota) holds one largest file, not two");
        var ann = new Member("ann");
        long room = ann.createRoom("private");
        byte[] largest = new byte[MAX_SIZE];
        Arrays.fill(largest, (byte) 'a');

        var first = ann.stored(room, "one.txt", "text/plain", largest);
        var served = ann.download(id(first));
        assertArrayEquals(largest, served.body()); // read back in chunks
        assertEquals(Integer.toString(MAX_SIZE), header(served, "Content-Length"));

        var full = problem(ann.upload(room, "two.txt", "text/plain", largest), 413, "quota-exceeded");
        assertEquals("This file does not fit: 2 MiB of your 12 MiB for files are left.", full.getString("detail"));
        problem(ann.uploadChunked(room, "two.txt", "text/plain", largest), 413, "quota-exceeded");
        assertEquals(1, ann.storedFiles());
        ann.stored(room, "small.txt", "text/plain", new byte[MIB]);
        assertEquals(2, ann.storedFiles());
    }
}
