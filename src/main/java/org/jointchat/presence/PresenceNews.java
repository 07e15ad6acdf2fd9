package org.jointchat.presence;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import org.jointchat.account.UserRef;
import org.jointchat.platform.Cluster;

/**
 * What instances of a cluster tell each other about presence, as bytes: a user came online on the sender or
 * went offline there, a new instance says hello, the others answer with who is online on them, an instance
 * that stops says bye.
 */
final class PresenceNews {

    private static final byte ONLINE = '+';
    private static final byte OFFLINE = '-';
    private static final byte HELLO = 'H';
    private static final byte SNAPSHOT = 'S';
    private static final byte BYE = 'B';

    interface Reader {
        void online(UserRef user);

        void offline(String login, Instant at);

        void hello();

        void bye();
    }

    private PresenceNews() {
    }

    static byte[] online(UserRef user) {
        return Cluster.message(ONLINE, out -> user(out, user));
    }

    static byte[] offline(String login, Instant at) {
        return Cluster.message(OFFLINE, out -> {
            out.writeUTF(login);
            out.writeLong(at.toEpochMilli());
        });
    }

    static byte[] hello() {
        return Cluster.message(HELLO, out -> { });
    }

    static byte[] bye() {
        return Cluster.message(BYE, out -> { });
    }

    static byte[] snapshot(List<UserRef> users) {
        return Cluster.message(SNAPSHOT, out -> {
            out.writeInt(users.size());
            for (var user : users) {
                user(out, user);
            }
        });
    }

    static void read(byte[] payload, Reader reader) {
        try (var in = new DataInputStream(new ByteArrayInputStream(payload))) {
            switch (in.readByte()) {
                case ONLINE -> reader.online(user(in));
                case OFFLINE -> reader.offline(in.readUTF(), Instant.ofEpochMilli(in.readLong()));
                case HELLO -> reader.hello();
                case BYE -> reader.bye();
                case SNAPSHOT -> {
                    int n = in.readInt();
                    for (int i = 0; i < n; i++) {
                        reader.online(user(in));
                    }
                }
                default -> throw new IOException("unknown presence news");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void user(DataOutputStream out, UserRef user) throws IOException {
        out.writeLong(user.id());
        out.writeUTF(user.login());
        out.writeUTF(user.displayName());
    }

    private static UserRef user(DataInputStream in) throws IOException {
        return new UserRef(in.readLong(), in.readUTF(), in.readUTF());
    }
}
