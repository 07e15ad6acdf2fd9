/**
 * The JAX-RS edge: the application ({@code /api/v1}), problem documents mapped from any
 * {@link org.jointchat.api.ProblemSource}, and request filters (signed in, body limits, same origin, password change).
 * Knows no feature; features import it.
 */
package org.jointchat.api;
