package org.jointchat.realtime;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;

/**
 * The application's class loader, minus one costly search. Tyrus reschedules its idle timer through the
 * container's managed scheduled executor on every frame it sends, and Payara then looks up
 * {@code ThreadContextProvider} services with the thread's context class loader, scanning every module
 * for each frame. Frames are written with this loader as context loader, for which that search finds
 * nothing at once; every other class and resource comes from the application's loader as before.
 */
final class LeanContextClassLoader extends ClassLoader {

    private static final String SKIPPED = "META-INF/services/jakarta.enterprise.concurrent.spi.";

    LeanContextClassLoader(ClassLoader application) {
        super(application);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        return name.startsWith(SKIPPED) ? Collections.emptyEnumeration() : super.getResources(name);
    }

    /** Runs the action with this loader as the thread's context loader. */
    void run(Runnable action) {
        var thread = Thread.currentThread();
        var previous = thread.getContextClassLoader();
        thread.setContextClassLoader(this);
        try {
            action.run();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
