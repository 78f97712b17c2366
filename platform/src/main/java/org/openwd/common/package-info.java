/**
 * Shared infrastructure every module may use: the clock, RFC 9457 problem details and request limits.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.openwd.common;
