package org.jointchat.realtime;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpSession;
import java.lang.reflect.Proxy;
import java.security.Principal;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The handshake as the WebSocket container (Tyrus) sees it, after {@link HandshakeGuard} has checked it: only
 * what a socket needs (issue 24, item 2, "handshake"). Tyrus copies, for the whole life of every socket, each
 * header ({@code TyrusServletUpgrade}: cookies, the user agent, {@code Authorization}, ...), the parameter map,
 * the query string and every context-param of web.xml (Faces' and PrimeFaces' included); this view offers it
 * the WebSocket headers, no parameters, and the Tyrus context-params only. It also has no HTTP session: Tyrus
 * ties a socket to the session it was opened in and closes it abruptly (1006) when the web module stops,
 * before the application's graceful stop can send its last acks and close with 1012; the end of a session
 * ends its sockets through {@link SocketCredential} (1008) instead.
 */
final class UpgradeRequest extends HttpServletRequestWrapper {

    /** The headers the handshake is checked and answered by; Tyrus sees no others. */
    private static final TreeSet<String> KEPT = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

    static {
        KEPT.addAll(List.of("Host", "Upgrade", "Connection", "Origin", "Sec-WebSocket-Key", "Sec-WebSocket-Version",
                "Sec-WebSocket-Protocol", "Sec-WebSocket-Extensions"));
    }

    private final Principal caller;
    private final ServletContext context;

    private UpgradeRequest(HttpServletRequest request, Principal caller, ServletContext context) {
        super(request);
        this.caller = caller;
        this.context = context;
    }

    /** The view of {@code request} signed in as {@code caller}; {@code context}: from {@link #tyrusContext}. */
    static HttpServletRequest of(HttpServletRequest request, Principal caller, ServletContext context) {
        return new UpgradeRequest(request, caller, context);
    }

    /** The servlet context as Tyrus reads it at every upgrade: its own context-params only (the rest delegated). */
    static ServletContext tyrusContext(ServletContext context) {
        var names = Collections.list(context.getInitParameterNames()).stream()
                .filter(name -> name.startsWith("org.glassfish.tyrus.")).toList();
        return (ServletContext) Proxy.newProxyInstance(UpgradeRequest.class.getClassLoader(), new Class<?>[] {ServletContext.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getInitParameterNames") && method.getParameterCount() == 0) {
                        return Collections.enumeration(names);
                    }
                    try {
                        return method.invoke(context, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Override
    public HttpSession getSession(boolean create) {
        return create ? super.getSession(true) : null;
    }

    @Override
    public Principal getUserPrincipal() {
        return caller;
    }

    @Override
    public String getRemoteUser() {
        return caller.getName();
    }

    @Override
    public boolean isUserInRole(String role) {
        return false; // the endpoint asks the application's own roles, never the container's
    }

    @Override
    public ServletContext getServletContext() {
        return context;
    }

    @Override
    public String getHeader(String name) {
        return KEPT.contains(name) ? super.getHeader(name) : null;
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        return KEPT.contains(name) ? super.getHeaders(name) : Collections.emptyEnumeration();
    }

    @Override
    public Enumeration<String> getHeaderNames() {
        var present = Collections.list(super.getHeaderNames());
        present.removeIf(name -> !KEPT.contains(name));
        return Collections.enumeration(present);
    }

    @Override
    public String getQueryString() {
        return null; // a ticket is used up; nothing else is read from the query
    }

    @Override
    public Map<String, String[]> getParameterMap() {
        return Collections.emptyMap();
    }

    @Override
    public String getParameter(String name) {
        return null;
    }
}
