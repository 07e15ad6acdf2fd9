package org.jointchat.realtime;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/** Starts the {@link Warmup} when the application starts (it knows the context path the sockets are under). */
@WebListener
public class WarmupStart implements ServletContextListener {

    @Inject
    Warmup warmup;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        warmup.start(event.getServletContext().getContextPath());
    }
}
