/**
 * Users as other signed-in people see them (REST {@code /users}): account data with whether they are online and
 * the rooms they share with the caller, and the caller's own profile. Above account, presence and room; the
 * rules live in {@code AccountService}.
 */
package org.jointchat.profile;
