/**
 * Who is online: sockets counted per user with a grace period, the online list by name, room counts, last seen,
 * and the other instances' users in a cluster. Fires {@code PresenceChanged}.
 */
package org.jointchat.presence;
