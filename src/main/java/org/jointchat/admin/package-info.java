/**
 * Administration of the server by its system administrators: accounts (deactivate, reactivate, end sessions,
 * temporary passwords, the administrator role), the registration mode and invites, and reading the audit log.
 * The rules live in {@link org.jointchat.admin.UserAdministration} (and the account package's
 * {@code RegistrationPolicy}); the REST resources under {@code /api/v1/admin} and the pages under {@code /admin/}
 * only call them. Every action records an audit entry in its own transaction.
 */
package org.jointchat.admin;
