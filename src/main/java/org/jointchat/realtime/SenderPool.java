package org.jointchat.realtime;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The threads that write frames to sockets. A plain pool over container-made threads: a managed
 * executor would capture and restore context for every task, and there is one task per burst of frames.
 */
@ApplicationScoped
public class SenderPool {

    @Resource
    ManagedThreadFactory threads;

    @Inject
    @ConfigProperty(name = "jointchat.ws.sender-threads", defaultValue = "0")
    int configuredThreads;

    private ThreadPoolExecutor pool;

    synchronized Executor executor() {
        if (pool == null) {
            int size = configuredThreads > 0 ? configuredThreads : Math.max(2, Runtime.getRuntime().availableProcessors());
            pool = new ThreadPoolExecutor(size, size, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads);
        }
        return pool;
    }

    @PreDestroy
    synchronized void stop() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
