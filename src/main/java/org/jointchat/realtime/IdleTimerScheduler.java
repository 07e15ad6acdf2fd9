package org.jointchat.realtime;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Gives the WebSocket container (Tyrus) a plain scheduler for its idle timers. Tyrus reschedules a session's
 * idle timer on every frame received, every pong, and twice per new socket, even with the idle timeout off
 * (we close silent sockets with our own {@link Heartbeat}). On Payara that scheduler is the managed
 * scheduled executor, which captures thread context for each task, and capturing looks up context
 * providers by scanning every server module: most of an arriving socket's CPU went there. The timer
 * tasks need no context, so a plain one-thread scheduler does.
 * <p>
 * Tyrus-specific and optional: where the container is not Tyrus or its fields differ, nothing changes.
 */
@WebListener
public class IdleTimerScheduler implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(IdleTimerScheduler.class.getName());
    private static final String SERVER_CONTAINER = "jakarta.websocket.server.ServerContainer";
    private static final String FIELD = "managedScheduledExecutorService";

    private ScheduledThreadPoolExecutor scheduler;

    /**
     * How long this server took from process start to this application being deployed (seconds): at
     * shutdown, sockets are told to come back after about that long (see {@link ChatHub}).
     */
    static volatile long startupSeconds = 20;

    /**
     * The restart hint when this start could not be measured (the application was deployed into a server that had
     * run for a while): about how long a restart of this server takes (issue 24, item 3).
     */
    @jakarta.inject.Inject
    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "jointchat.ws.restart-seconds", defaultValue = "20")
    int restartSeconds;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime() / 1000;
        if (uptime < 120) {
            startupSeconds = Math.max(5, uptime); // a server start, not a redeployment into a running server
        } else {
            startupSeconds = Math.max(1, restartSeconds);
        }
        Object container = event.getServletContext().getAttribute(SERVER_CONTAINER);
        Field field = container == null ? null : field(container.getClass());
        if (field == null) {
            LOG.info("WebSocket container keeps its own scheduler (not Tyrus, or another version)");
            return;
        }
        scheduler = new ScheduledThreadPoolExecutor(1, r -> {
            var thread = new Thread(r, "jointchat-ws-idle-timers");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.setRemoveOnCancelPolicy(true); // cancelled timers are dropped at once, not kept until due
        // This listener stops before the application's shutdown work (ChatHub) sends its last acks: a timer
        // scheduled after that is dropped instead of failing the send it comes with.
        scheduler.setRejectedExecutionHandler(new ThreadPoolExecutor.DiscardPolicy());
        try {
            field.setAccessible(true);
            field.set(container, scheduler);
            LOG.info("WebSocket idle timers run on a plain scheduler");
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.INFO, "WebSocket container keeps its own scheduler", e);
            scheduler.shutdown();
            scheduler = null;
        }
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    private static Field field(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                var f = c.getDeclaredField(FIELD);
                return ScheduledExecutorService.class.isAssignableFrom(f.getType()) ? f : null;
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        return null;
    }
}
