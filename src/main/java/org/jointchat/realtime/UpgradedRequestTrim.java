package org.jointchat.realtime;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Gives back what the container keeps for nothing while a socket lives (issue 24, item 2, "handshake"). An
 * upgraded socket keeps its Grizzly request for life, and each Grizzly request carries a query-parameter parser
 * ({@code org.glassfish.grizzly.http.util.Parameters}) with two scratch buffers of 1,024 chars made up front:
 * 4 KB per socket (a heap dump at 19,000 sockets: 38,002 {@code char[1024]}, all of them there). The parser's
 * work is done before the upgrade, and it makes its buffers again if the request object is ever reused.
 * <p>
 * Reached by reflection (Payara's classes are not the application's API): when Payara changes them this
 * silently does nothing and each socket holds the 4 KB again (logged once).
 */
final class UpgradedRequestTrim {

    private static final Logger LOG = Logger.getLogger(UpgradedRequestTrim.class.getName());
    private static volatile Handles handles;
    private static volatile boolean unavailable;

    private record Handles(MethodHandle catalinaRequest, MethodHandle grizzlyRequest, MethodHandle parameters,
            MethodHandle nameChars, MethodHandle valueChars, MethodHandle reset) {
    }

    private UpgradedRequestTrim() {
    }

    /** After the upgrade of {@code request}: its parameter parser's scratch buffers let go. */
    static void afterUpgrade(ServletRequest request) {
        if (unavailable) {
            return;
        }
        while (request instanceof ServletRequestWrapper wrapper) {
            request = wrapper.getRequest();
        }
        try {
            var h = handles;
            if (h == null) {
                h = lookUp(request.getClass());
                handles = h;
            }
            Object parameters = h.parameters().invoke(h.grizzlyRequest().invoke(h.catalinaRequest().invoke(request)));
            h.reset().invoke(h.nameChars().invoke(parameters));
            h.reset().invoke(h.valueChars().invoke(parameters));
        } catch (Throwable notThisContainer) {
            unavailable = true;
            LOG.log(Level.INFO, "Upgraded requests are not trimmed on this container (Payara's Grizzly only); each socket keeps 4 KB more");
            LOG.log(Level.FINE, "Why not", notThisContainer);
        }
    }

    /** {@code RequestFacade.request} → {@code Request.getCoyoteRequest()} → {@code getParameters()} → its two CharChunks. */
    private static Handles lookUp(Class<?> facade) throws ReflectiveOperationException {
        var lookup = MethodHandles.lookup();
        var requestField = field(facade, "request");
        var catalina = lookup.unreflectGetter(requestField);
        var getCoyote = requestField.getType().getMethod("getCoyoteRequest");
        var grizzly = lookup.unreflect(getCoyote);
        var getParameters = getCoyote.getReturnType().getMethod("getParameters");
        var parameters = lookup.unreflect(getParameters);
        var name = field(getParameters.getReturnType(), "tmpNameC");
        var value = field(getParameters.getReturnType(), "tmpValueC");
        var reset = lookup.findVirtual(name.getType(), "reset", MethodType.methodType(void.class));
        return new Handles(catalina.asType(MethodType.methodType(Object.class, Object.class)),
                grizzly.asType(MethodType.methodType(Object.class, Object.class)),
                parameters.asType(MethodType.methodType(Object.class, Object.class)),
                lookup.unreflectGetter(name).asType(MethodType.methodType(Object.class, Object.class)),
                lookup.unreflectGetter(value).asType(MethodType.methodType(Object.class, Object.class)),
                reset.asType(MethodType.methodType(void.class, Object.class)));
    }

    private static java.lang.reflect.Field field(Class<?> type, String name) throws NoSuchFieldException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                var f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f;
            } catch (NoSuchFieldException notHere) {
                // look in the superclass
            }
        }
        throw new NoSuchFieldException(type.getName() + "." + name);
    }
}
