/**
 * The audit log: who did what to whom, when, for every administration and moderation action. Knows no
 * feature; the features that act (administration, moderation) record into it.
 */
package org.jointchat.audit;
