/**
 * The floor every feature stands on: the DataSource and migrations, JDBC helpers, configuration, the cluster's
 * grid, i18n, client addresses, buckets and pools, security headers, shutdown. Imports no feature
 * ({@code ArchitectureTest} keeps it so).
 */
package org.jointchat.platform;
