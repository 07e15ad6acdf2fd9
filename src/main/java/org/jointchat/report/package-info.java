/**
 * Reports of messages: any member reports a message of their room ({@link org.jointchat.report.ReportResource}),
 * administrators see the open reports and resolve them by dismissing them or removing the message
 * ({@code admin.AdminReportsResource}). The rules live in {@link org.jointchat.report.Reports}; a removal goes
 * through the message writer like every other deletion, so it reaches every socket in order.
 */
package org.jointchat.report;
