package org.jointchat.platform;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A fixed number of threads and a short queue for CPU-heavy work; beyond both the work is refused at once
 * ({@link ServerBusyException}) instead of piling up. The caller waits for its result (waiting costs no CPU):
 * whatever arrives, at most {@code threads} cores do this work, and the rest stay free for others.
 */
public final class BoundedPool {

    private final ThreadPoolExecutor executor;
    private final Duration retryAfter;
    private final String name;

    public BoundedPool(String name, int threads, int queue, Duration retryAfter, ThreadFactory threadFactory) {
        this.name = name;
        this.retryAfter = retryAfter;
        this.executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(Math.max(1, queue)), threadFactory, new ThreadPoolExecutor.AbortPolicy());
        executor.allowCoreThreadTimeOut(true);
    }

    /** Runs the work on the pool and returns its result; refused when the threads and the queue are full. */
    public <T> T run(Callable<T> work) {
        Future<T> future;
        try {
            future = executor.submit(work);
        } catch (RejectedExecutionException full) {
            throw new ServerBusyException(name + " is busy", retryAfter);
        }
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new ServerBusyException(name + " was interrupted", retryAfter);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    public int threads() {
        return executor.getMaximumPoolSize();
    }

    /** Work waiting for a thread now. */
    public int queued() {
        return executor.getQueue().size();
    }

    public void shutdown() {
        executor.shutdownNow();
    }
}
