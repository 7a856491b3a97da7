package fi.mentoringledger.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** Ports for what a test starts itself: a service, a PostgreSQL, a stand-in identity provider. */
public final class Ports {

    private Ports() {
    }

    /** A port nothing listens on now (the operating system's pick); the caller binds it soon after. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
