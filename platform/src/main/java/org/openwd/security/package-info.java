/**
 * Authentication and authorisation: the platform's roles, who may log in, and the guard that keeps default secrets out
 * of production.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Security", allowedDependencies = "common")
package org.openwd.security;
