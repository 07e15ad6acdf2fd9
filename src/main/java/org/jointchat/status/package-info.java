/**
 * Status and do-not-disturb (issue 22, item 4): a status text with an emoji and an expiry, and do-not-disturb until
 * a time. The rules live in {@link org.jointchat.status.StatusRules} (what may be set) and
 * {@link org.jointchat.status.UserStatus} (what reads as set now: an expired part reads as none);
 * {@link org.jointchat.status.StatusService} keeps everyone's status in memory, stores it and clears what runs out;
 * {@link org.jointchat.status.StatusResource} is the REST edge. Fires {@link org.jointchat.status.StatusChanged},
 * which the realtime layer turns into {@code profile} frames.
 */
package org.jointchat.status;
